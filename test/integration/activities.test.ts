import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact } from '../support/connected-agent.js';
import type { TestClient } from '../support/http-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
let agent: TestClient;
let other: TestClient;

beforeAll(async () => {
  app = await startTestApp({ startJobs: false });
  agent = await app.createAgent('activities@crm.example.com');
  other = await app.createAgent('other@crm.example.com');
});
afterAll(async () => app.close());

const showing = (contactId: string | null) => ({
  kind: 'showing',
  title: 'Virtual showing: 12 Elm St',
  contactId,
  startsAt: '2026-07-14T17:00:00+02:00',
  timeZone: 'Europe/Berlin',
  durationMinutes: 30,
});

describe('activities', () => {
  it('are created, read, changed and deleted by their owner, instants kept exactly', async () => {
    const contact = await addContact(agent, 'Buyer', ['+15125550147']);
    const created = await agent.post('/api/activities', showing(contact.id));

    expect(created.status).toBe(201);
    expect(created.json.activity).toMatchObject({
      kind: 'showing',
      contactId: contact.id,
      startsAt: '2026-07-14T15:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });

    const id = created.json.activity.id;
    const changed = await agent.patch(`/api/activities/${id}`, {
      ...showing(contact.id),
      title: 'Moved showing',
    });

    expect(changed.json.activity.title).toBe('Moved showing');
    expect(
      (await agent.get(`/api/activities?contactId=${contact.id}`)).json.activities,
    ).toHaveLength(1);
    expect((await agent.delete(`/api/activities/${id}`)).status).toBe(204);
    expect((await agent.get(`/api/activities/${id}`)).status).toBe(404);
  });

  it('belong to nobody else: another agent gets 404 and cannot link their contacts', async () => {
    const mine = await agent.post('/api/activities', showing(null));
    const id = mine.json.activity.id;
    const theirContact = await addContact(other, 'Not yours', ['+15125550148']);

    expect((await other.get(`/api/activities/${id}`)).status).toBe(404);
    expect((await other.patch(`/api/activities/${id}`, showing(null))).status).toBe(404);
    expect((await other.delete(`/api/activities/${id}`)).status).toBe(404);
    expect((await other.get('/api/activities')).json.activities).toEqual([]);

    const linked = await agent.post('/api/activities', showing(theirContact.id));

    expect(linked.status).toBe(400);
    expect(linked.json.error.code).toBe('VALIDATION_FAILED');
  });

  it('reject a time without a zone designator and an unknown time zone', async () => {
    const noZone = await agent.post('/api/activities', {
      ...showing(null),
      startsAt: '2026-07-14T17:00:00',
    });
    const badZone = await agent.post('/api/activities', {
      ...showing(null),
      timeZone: 'Mars/Olympus',
    });

    expect(noZone.json.error.message).toMatch(/^startsAt/);
    expect(badZone.json.error.message).toMatch(/IANA/);
  });
});
