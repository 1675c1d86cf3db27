import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { placeSimCall } from '../support/zoom-flows.js';

let app: TestApp;
let agent: ConnectedAgent;

beforeAll(async () => {
  app = await startTestApp();
  agent = await aConnectedAgent(app);
});
afterAll(async () => app.close());

async function loggedCall(externalNumber: string) {
  const { callId } = await placeSimCall(app, {
    userEmail: agent.zoomEmail,
    direction: 'inbound',
    externalNumber,
    outcome: 'missed',
  });

  return waitFor(async () => {
    const calls = (await agent.client.get('/api/calls?limit=200')).json.calls;

    return calls.find(
      (c: { zoomCallId: string; status: string }) =>
        c.zoomCallId === callId && c.status === 'ended',
    );
  });
}

describe('late matching', () => {
  it('a contact created after the calls picks up the earlier unmatched calls from its number', async () => {
    const first = await loggedCall('+15125550171');
    const second = await loggedCall('512-555-0171');

    expect(first.match).toBe('none');

    const newcomer = await addContact(agent.client, 'New Lead', ['(512) 555-0171']);
    const calls = (await agent.client.get(`/api/calls?contactId=${newcomer.id}`)).json.calls;

    expect(calls.map((c: { id: string }) => c.id).sort()).toEqual([first.id, second.id].sort());
    expect(calls.every((c: { match: string }) => c.match === 'single')).toBe(true);
  });

  it('adding a number to an existing contact links that number’s calls', async () => {
    const call = await loggedCall('+15125550172');
    const contact = await addContact(agent.client, 'Known Buyer', ['+15125550173']);

    await agent.client.patch(`/api/contacts/${contact.id}`, {
      name: 'Known Buyer',
      phones: [
        { label: 'mobile', number: '+15125550173' },
        { label: 'work', number: '+15125550172' },
      ],
    });

    const calls = (await agent.client.get(`/api/calls?contactId=${contact.id}`)).json.calls;

    expect(calls.map((c: { id: string }) => c.id)).toEqual([call.id]);
  });

  it('deleting a contact leaves its calls in the history, unmatched again', async () => {
    const contact = await addContact(agent.client, 'Short-lived', ['+15125550174']);
    const call = await loggedCall('+15125550174');

    expect(call.match).toBe('single');
    expect((await agent.client.delete(`/api/contacts/${contact.id}`)).status).toBe(204);

    const after = (await agent.client.get('/api/calls?unmatched=1&limit=200')).json.calls;

    expect(after.find((c: { id: string }) => c.id === call.id)).toMatchObject({
      match: 'none',
      contacts: [],
    });
  });
});
