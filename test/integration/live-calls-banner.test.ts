import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { callEvents, openEventStream, type OpenStream } from '../support/event-stream.js';
import { hangUpSimCall, holdSimCall, simFault } from '../support/held-calls.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';

let app: TestApp;
let agent: ConnectedAgent;
let stream: OpenStream;

beforeAll(async () => {
  app = await startTestApp();
  agent = await aConnectedAgent(app);
  stream = await openEventStream(agent.client);
});
afterAll(async () => {
  await stream?.close();
  await app.close();
});

const inPhase = (zoomCallId: string, phase: string) => (event: { type: string; data: any }) =>
  event.type === 'call' && event.data.call.zoomCallId === zoomCallId && event.data.phase === phase;

async function commandRequests(zoomCallId: string) {
  const { requests } = await (await fetch(`${app.simulatorUrl}/sim/requests`)).json();

  return requests.filter((request: { path: string }) => request.path.includes(zoomCallId));
}

async function connectedOutboundCall(number = '+15125550199') {
  const held = await holdSimCall(app, {
    userEmail: agent.zoomEmail,
    direction: 'outbound',
    externalNumber: number,
    state: 'connected',
  });
  const connected = await stream.next(inPhase(held.callId, 'connected'));

  return { zoomCallId: held.callId, id: connected.data.call.id as string, view: connected.data };
}

describe('the active-call banner and End call', () => {
  it('an outbound call opens the banner while it rings and connects, with End call offered', async () => {
    const held = await holdSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'outbound',
      externalNumber: '+15125550199',
      state: 'ringing',
    });
    const dialing = await stream.next(inPhase(held.callId, 'dialing'));

    expect(dialing.data).toMatchObject({ canEnd: true, screenPop: false });

    await fetch(`${app.simulatorUrl}/sim/calls/${held.callId}/answer`, { method: 'POST' });

    const connected = await stream.next(inPhase(held.callId, 'connected'));

    expect(connected.data.call.answeredAt).toEqual(expect.any(String));
    await hangUpSimCall(app, held.callId);
    await stream.next(inPhase(held.callId, 'ended'));
  });

  it('End call asks Zoom once, shows ending, and the ended webhook closes the call, logged once', async () => {
    const call = await connectedOutboundCall();
    const response = await agent.client.post(`/api/calls/${call.id}/end`);

    expect(response.status).toBe(202);
    expect(['ending', 'ended']).toContain(response.json.call.phase);

    const ended = await stream.next(inPhase(call.zoomCallId, 'ended'));

    expect(ended.data).toMatchObject({ canEnd: false, call: { result: 'answered' } });
    expect(await commandRequests(call.zoomCallId)).toMatchObject([{ method: 'POST', status: 204 }]);

    const logged = (await agent.client.get('/api/calls?limit=200')).json.calls.filter(
      (row: { zoomCallId: string }) => row.zoomCallId === call.zoomCallId,
    );

    expect(logged).toHaveLength(1);
    expect((await agent.client.post(`/api/calls/${call.id}/end`)).json.error.code).toBe(
      'CALL_NOT_ACTIVE',
    );

    // The stream's and the command's credentials never reach the logs.
    const logs = app.logs.join('');

    expect(logs).not.toContain(agent.client.cookie('sid'));
    expect(logs).not.toMatch(/Bearer /);
  });

  it.each([404, 403, 400])(
    'when Zoom refuses the command (%i) the banner says to hang up in Zoom, logged once',
    async (status) => {
      const call = await connectedOutboundCall();
      const path = `/v2/phone/users/me/calls/${call.zoomCallId}/command`;

      await simFault(app, {
        method: 'POST',
        path,
        status,
        body: { code: status === 400 ? 4711 : status, message: 'Not offered.' },
      });

      const first = await agent.client.post(`/api/calls/${call.id}/end`);
      const second = await agent.client.post(`/api/calls/${call.id}/end`);

      expect(first.status).toBe(409);
      expect(first.json.error.code).toBe('CALL_END_REFUSED');
      expect(first.json.error.message).toMatch(/hang up in the Zoom app/i);
      expect(second.json.error.code).toBe('CALL_END_REFUSED');
      expect(await commandRequests(call.zoomCallId)).toHaveLength(1);

      const refused = await stream.next(inPhase(call.zoomCallId, 'refused'));

      expect(refused.data.canEnd).toBe(false);

      const lines = app.logs.filter(
        (line) => line.includes('refused the call command') && line.includes(call.id),
      );

      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 40, status });

      // Nothing else breaks: the card stays connected, and hanging up in Zoom ends the call.
      const cards = (await agent.client.get('/api/integrations/zoom')).json;

      expect(cards.phone.state).toBe('connected');
      await hangUpSimCall(app, call.zoomCallId);
      await stream.next(inPhase(call.zoomCallId, 'ended'));
    },
  );

  it('a Zoom outage is not a refusal: the agent is told to retry, and the retry ends the call', async () => {
    const call = await connectedOutboundCall();

    await simFault(app, {
      method: 'POST',
      path: `/v2/phone/users/me/calls/${call.zoomCallId}/command`,
      status: 503,
    });

    const failed = await agent.client.post(`/api/calls/${call.id}/end`);

    expect(failed.status).toBe(502);
    expect(failed.json.error.code).toBe('ZOOM_UNAVAILABLE');

    const retried = await agent.client.post(`/api/calls/${call.id}/end`);

    expect(retried.status).toBe(202);
    await stream.next(inPhase(call.zoomCallId, 'ended'));
  });

  it('another agent cannot end the call: it does not exist for them', async () => {
    const call = await connectedOutboundCall();
    const other = await aConnectedAgent(app);
    const response = await other.client.post(`/api/calls/${call.id}/end`);

    expect(response.status).toBe(404);
    expect(await commandRequests(call.zoomCallId)).toHaveLength(0);
    await hangUpSimCall(app, call.zoomCallId);
    await stream.next(inPhase(call.zoomCallId, 'ended'));
  });

  it('the banner’s state survives a reload: a new stream’s snapshot has the connected call', async () => {
    const call = await connectedOutboundCall();
    const reloaded = await openEventStream(agent.client);
    const snapshot = await reloaded.next((event) => event.type === 'snapshot');

    expect(
      snapshot.data.liveCalls.calls.find((view: any) => view.call.id === call.id),
    ).toMatchObject({ phase: 'connected', canEnd: true });

    await agent.client.post(`/api/calls/${call.id}/end`);

    // Both tabs see the call end.
    await reloaded.next(inPhase(call.zoomCallId, 'ended'));
    await stream.next(inPhase(call.zoomCallId, 'ended'));
    await reloaded.close();
  });
});

describe('click-to-call dial intents', () => {
  it('dials national numbers in E.164 with the agent’s region and keeps the extension apart', async () => {
    const response = await agent.client.post('/api/dial-intents', {
      number: '(512) 555-0100 x204',
    });

    expect(response.status).toBe(201);
    expect(response.json.intent).toMatchObject({
      e164: '+15125550100',
      extension: '204',
      uri: 'zoomphonecall://+15125550100',
    });
  });

  it.each(['555', 'anonymous', '-1', 'call me'])('refuses to dial “%s”', async (number) => {
    const response = await agent.client.post('/api/dial-intents', { number });

    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('NUMBER_NOT_DIALABLE');
  });

  it('refuses another agent’s contact', async () => {
    const other = await aConnectedAgent(app);
    const theirs = await addContact(other.client, 'Not yours', ['+15125550123']);
    const response = await agent.client.post('/api/dial-intents', {
      number: '+15125550123',
      contactId: theirs.id,
    });

    expect(response.status).toBe(400);
  });

  it('ties the next outbound call to the contact clicked, even when contacts share the number', async () => {
    const sam = await addContact(agent.client, 'Sam Ortiz', ['+1 512 555 0188']);
    const kim = await addContact(agent.client, 'Kim Ortiz', ['512-555-0188']);

    const intent = await agent.client.post('/api/dial-intents', {
      number: '512 555 0188',
      contactId: kim.id,
    });

    expect(intent.status).toBe(201);

    const clicked = await connectedOutboundCall('+15125550188');

    expect(clicked.view.call).toMatchObject({ match: 'single', contacts: [{ id: kim.id }] });
    await hangUpSimCall(app, clicked.zoomCallId);
    await stream.next(inPhase(clicked.zoomCallId, 'ended'));

    // The click is used up: a second call to the number, dialled in Zoom, links both.
    const direct = await connectedOutboundCall('+15125550188');

    expect(direct.view.call.match).toBe('ambiguous');
    expect(direct.view.call.contacts.map((c: { id: string }) => c.id).sort()).toEqual(
      [sam.id, kim.id].sort(),
    );
    await hangUpSimCall(app, direct.zoomCallId);
    await stream.next(inPhase(direct.zoomCallId, 'ended'));

    const history = (await agent.client.get(`/api/calls?contactId=${kim.id}`)).json.calls;

    expect(history.map((c: { zoomCallId: string }) => c.zoomCallId).sort()).toEqual(
      [clicked.zoomCallId, direct.zoomCallId].sort(),
    );
  });

  it('a click older than the window does not claim a later call', async () => {
    const pat = await addContact(agent.client, 'Pat Old', ['+15125550177']);
    const intent = await agent.client.post('/api/dial-intents', {
      number: '+15125550177',
      contactId: pat.id,
    });

    await app.database.db
      .updateTable('dial_intents')
      .set({ created_at: Date.now() - 10 * 60_000 })
      .where('id', '=', intent.json.intent.id)
      .execute();

    await addContact(agent.client, 'Pat Twin', ['+15125550177']);

    const call = await connectedOutboundCall('+15125550177');

    expect(call.view.call.match).toBe('ambiguous');
    await hangUpSimCall(app, call.zoomCallId);
    await stream.next(inPhase(call.zoomCallId, 'ended'));
  });
});

describe('call-back items and contacts created from the pop', () => {
  async function missedCall(number: string) {
    const held = await holdSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: number,
    });

    await stream.next(inPhase(held.callId, 'ringing'));
    await hangUpSimCall(app, held.callId);

    return (await stream.next(inPhase(held.callId, 'ended'))).data;
  }

  it('dismissing a call-back item removes it from every tab and from the next snapshot', async () => {
    const missed = await missedCall('+15125550166');

    expect(missed.callBack).toBe('open');
    expect((await agent.client.delete(`/api/calls/${missed.call.id}/callback`)).status).toBe(204);

    const closed = await stream.next(
      (event) => inPhase(missed.call.zoomCallId, 'ended')(event) && event.data.callBack === null,
    );

    expect(closed.data.phase).toBe('ended');

    const snapshot = (await agent.client.get('/api/live-calls')).json;

    expect(snapshot.calls.map((view: any) => view.call.id)).not.toContain(missed.call.id);
  });

  it('calling back from the item closes it', async () => {
    const missed = await missedCall('+15125550155');
    const intent = await agent.client.post('/api/dial-intents', {
      number: missed.call.externalNumber,
      callBackOf: missed.call.id,
    });

    expect(intent.status).toBe(201);
    await stream.next(
      (event) => inPhase(missed.call.zoomCallId, 'ended')(event) && event.data.callBack === null,
    );
  });

  it('“Create contact” from the pop links the ringing call to the new contact', async () => {
    const held = await holdSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550144',
    });
    const ringing = await stream.next(inPhase(held.callId, 'ringing'));

    expect(ringing.data.call).toMatchObject({ match: 'none', contacts: [] });

    const contact = await addContact(agent.client, 'New Lead', [ringing.data.call.externalNumber]);
    const linked = await agent.client.post(`/api/calls/${ringing.data.call.id}/contacts`, {
      contactId: contact.id,
    });

    expect(linked.status).toBe(200);
    expect(linked.json.call.call).toMatchObject({
      match: 'single',
      contacts: [{ id: contact.id }],
    });
    await stream.next(
      (event) =>
        event.type === 'call' &&
        event.data.call.zoomCallId === held.callId &&
        event.data.call.contacts.length === 1,
    );

    await hangUpSimCall(app, held.callId);
    await stream.next(inPhase(held.callId, 'ended'));

    const history = await waitFor(async () => {
      const calls = (await agent.client.get(`/api/calls?contactId=${contact.id}`)).json.calls;

      return calls.length === 1 && calls[0].status === 'ended' ? calls : undefined;
    });

    expect(history[0].zoomCallId).toBe(held.callId);
    expect(callEvents(stream, held.callId).length).toBeGreaterThanOrEqual(3);
  });
});

describe('with the call command switched off', () => {
  it('End call is not offered, and a request says to hang up in Zoom without asking Zoom', async () => {
    const off = await startTestApp({ env: { ZOOM_CALL_COMMAND_PATH: '' } });

    try {
      const someone = await aConnectedAgent(off);
      const events = await openEventStream(someone.client);
      const held = await holdSimCall(off, {
        userEmail: someone.zoomEmail,
        direction: 'outbound',
        externalNumber: '+15125550199',
        state: 'connected',
      });
      const connected = await events.next(inPhase(held.callId, 'connected'));

      expect(connected.data.canEnd).toBe(false);

      const response = await someone.client.post(`/api/calls/${connected.data.call.id}/end`);
      const { requests } = await (await fetch(`${off.simulatorUrl}/sim/requests`)).json();

      expect(response.json.error.code).toBe('CALL_END_REFUSED');
      expect(requests.filter((r: { path: string }) => r.path.includes('/command'))).toEqual([]);
      await events.close();
    } finally {
      await off.close();
    }
  });
});
