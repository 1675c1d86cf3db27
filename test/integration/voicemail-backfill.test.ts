import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addContact } from '../support/connected-agent.js';
import type { TestClient } from '../support/http-client.js';
import { simControl, simRequests } from '../support/sim-control.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import {
  useSimulatorWhisper,
  whisperTraffic,
  type VoicemailItem,
} from '../support/voicemail-scenarios.js';
import { connectZoom, createSimUser } from '../support/zoom-flows.js';

const jordanWords =
  'Hi, this is Jordan Sample. Please call me back about the house on Maple Street.';
const listPath = '/v2/phone/users/me/voice_mails';

let app: TestApp;
let seq = 0;

beforeAll(async () => {
  // One voicemail a page, so a handful of voicemails take several pages and windows.
  app = await startTestApp({
    env: { BACKFILL_PAGE_SIZE: '1', ZOOM_ACCOUNT_REQUESTS_PER_SECOND: '50' },
  });
  useSimulatorWhisper(app);
});
afterAll(async () => app.close());
afterEach(async () => {
  await simControl(app, 'DELETE', '/sim/traffic');
  await simControl(app, 'DELETE', '/sim/faults');
});

interface Agent {
  client: TestClient;
  userId: string;
  zoomEmail: string;
}

/** An agent whose Zoom account already holds voicemails left `daysAgo`, before connecting. */
async function agentWithVoicemails(daysAgo: number[], callerNumber = '15125550123') {
  seq += 1;
  const zoomEmail = `vmhistory${seq}@zoom.example.com`;
  const client = await app.createAgent(`vmhistory${seq}@crm.example.com`);

  await createSimUser(app, { email: zoomEmail, phoneNumber: `+1512555${4000 + seq}` });

  const zoomIds: string[] = [];

  for (const days of daysAgo) {
    const { voicemailId } = await simControl(app, 'POST', '/sim/voicemails', {
      userEmail: zoomEmail,
      callerNumber,
      daysAgo: days,
      webhook: false,
    });

    zoomIds.push(voicemailId);
  }

  const userId = (await client.get('/api/session')).json.user.id as string;

  return { agent: { client, userId, zoomEmail } satisfies Agent, zoomIds };
}

async function voicemailsOf(agent: Agent): Promise<VoicemailItem[]> {
  return (await agent.client.get('/api/voicemails?limit=200')).json.voicemails;
}

/** Waits until the agent has `count` voicemails and every one of them is transcribed. */
function allTranscribed(agent: Agent, count: number, timeoutMs = 20_000) {
  return waitFor(async () => {
    const all = await voicemailsOf(agent);

    return all.length === count && all.every((item) => item.status === 'done') ? all : undefined;
  }, timeoutMs);
}

const listRequests = async () =>
  (await simRequests(app)).filter((r) => r.path === listPath) as unknown as {
    status: number;
    time: string;
  }[];

const rowsOf = async (userId: string) =>
  (
    await app.database.db
      .selectFrom('voicemails')
      .select('zoom_voicemail_id')
      .where('owner_id', '=', userId)
      .execute()
  ).map((row) => row.zoom_voicemail_id);

describe('voicemail back-fill on connect', () => {
  it('imports the voicemails left before connecting, each transcribed and on its contact', async () => {
    const { agent, zoomIds } = await agentWithVoicemails([2, 3, 40]);
    const jordan = await addContact(agent.client, 'Jordan Sample', ['+1 512 555 0123']);

    await simControl(app, 'DELETE', '/sim/requests');
    await connectZoom(app, agent.client, 'phone', agent.zoomEmail);

    const voicemails = await allTranscribed(agent, 3);

    expect(voicemails.map((item) => item.zoomVoicemailId).sort()).toEqual([...zoomIds].sort());

    for (const voicemail of voicemails) {
      expect(voicemail).toMatchObject({
        transcript: { text: jordanWords, engine: 'whisper-1' },
        contacts: [{ id: jordan.id, name: 'Jordan Sample' }],
      });
    }

    // Pages of one: the first month holds two voicemails (two pages, the second by its
    // token), the second month one; the third month answers an empty page.
    const requests = await listRequests();

    expect(requests.map((request) => request.status)).toEqual([200, 200, 200, 200]);
  });

  it('links a voicemail from the seeded call history to its call', async () => {
    seq += 1;
    const zoomEmail = `vmcalls${seq}@zoom.example.com`;
    const client = await app.createAgent(`vmcalls${seq}@crm.example.com`);
    const day = 86_400_000;

    await createSimUser(app, { email: zoomEmail, phoneNumber: `+1512555${5000 + seq}` });
    await simControl(app, 'POST', `/sim/users/${zoomEmail}/history`, {
      count: 12,
      from: new Date(Date.now() - 20 * day).toISOString(),
      to: new Date(Date.now() - day).toISOString(),
      seed: 7,
      voicemails: true,
    });
    await connectZoom(app, client, 'phone', zoomEmail);

    const agent = { client, userId: '', zoomEmail };
    const wentToVoicemail: { id: string }[] = await waitFor(async () => {
      const { phone } = (await client.get('/api/integrations/zoom')).json;

      return phone.history?.state === 'done'
        ? (await client.get('/api/calls?limit=200&direction=inbound&result=voicemail')).json.calls
        : undefined;
    }, 20_000);

    expect(wentToVoicemail.length).toBeGreaterThan(0);

    const voicemails = await allTranscribed(agent, wentToVoicemail.length);

    expect(voicemails.map((item) => item.callId).sort()).toEqual(
      wentToVoicemail.map((call) => call.id).sort(),
    );
  });

  it('a 429 parks the import until Retry-After; a webhook meanwhile leaves one row per voicemail', async () => {
    const { agent, zoomIds } = await agentWithVoicemails([2, 5, 9]);
    const [first = ''] = zoomIds;
    const before = await whisperTraffic(app);

    await simControl(app, 'DELETE', '/sim/requests');
    await simControl(app, 'POST', '/sim/faults', {
      method: 'GET',
      path: listPath,
      status: 429,
      times: 1,
      retryAfter: 5,
      body: { code: 429, message: 'You have reached the maximum per-second rate limit.' },
    });
    await connectZoom(app, agent.client, 'phone', agent.zoomEmail);
    await waitFor(async () => (await listRequests()).some((request) => request.status === 429));

    // Zoom's own event for one of them arrives while the import waits.
    await simControl(app, 'POST', `/sim/voicemails/${first}/webhook`);
    await waitFor(async () => (await rowsOf(agent.userId)).includes(first));

    expect((await listRequests()).map((request) => request.status)).toEqual([429]);

    await allTranscribed(agent, 3);

    const requests = await listRequests();
    const [limited, resumed] = requests;
    const waitedMs = Date.parse(resumed?.time ?? '') - Date.parse(limited?.time ?? '');

    expect(waitedMs).toBeGreaterThanOrEqual(4_900);
    expect((await rowsOf(agent.userId)).sort()).toEqual([...zoomIds].sort());
    // One transcription each: the back-fill did not queue the webhook's voicemail again.
    expect((await whisperTraffic(app)).attempts - before.attempts).toBe(3);
  });

  it('a webhook for a voicemail the back-fill already imported changes nothing', async () => {
    const { agent, zoomIds } = await agentWithVoicemails([1, 6]);
    const [first = ''] = zoomIds;

    await connectZoom(app, agent.client, 'phone', agent.zoomEmail);
    await allTranscribed(agent, 2);

    const before = await whisperTraffic(app);
    const redelivered = () =>
      app.logs.filter((line) => line.includes('"msg":"voicemail redelivered"')).length;
    const seen = redelivered();

    await simControl(app, 'POST', `/sim/voicemails/${first}/webhook`);
    await waitFor(async () => redelivered() > seen);

    expect((await rowsOf(agent.userId)).sort()).toEqual([...zoomIds].sort());
    expect((await whisperTraffic(app)).attempts).toBe(before.attempts);
  });

  it('disconnecting mid-import stops it: nothing is written after', async () => {
    const days = Array.from({ length: 10 }, (_, index) => index + 1);
    const { agent } = await agentWithVoicemails(days);

    // Slow pages, so the disconnect lands while the import is under way.
    await simControl(app, 'POST', '/sim/traffic', { latencyMs: 300 });
    await connectZoom(app, agent.client, 'phone', agent.zoomEmail);
    await waitFor(async () => (await rowsOf(agent.userId)).length >= 2, 15_000);

    const disconnected = await agent.client.delete('/api/integrations/zoom/phone');

    expect(disconnected.status).toBeLessThan(300);

    const atDisconnect = (await rowsOf(agent.userId)).length;
    const requestsAtDisconnect = (await listRequests()).length;

    // Long enough for several more pages, had the import gone on.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    expect((await rowsOf(agent.userId)).length).toBe(atDisconnect);
    expect(atDisconnect).toBeLessThan(10);
    // At most the page that was in flight reached Zoom after the disconnect.
    expect((await listRequests()).length - requestsAtDisconnect).toBeLessThanOrEqual(1);
  });
});
