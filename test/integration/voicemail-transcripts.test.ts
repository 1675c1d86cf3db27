import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addContact, aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { simControl } from '../support/sim-control.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import {
  leaveVoicemail,
  settledVoicemail,
  useSimulatorWhisper,
  voicemailsOf,
  whisperTraffic,
} from '../support/voicemail-scenarios.js';
import { placeSimCall } from '../support/zoom-flows.js';

const jordanWords =
  'Hi, this is Jordan Sample. Please call me back about the house on Maple Street.';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  useSimulatorWhisper(app);
});
afterAll(async () => app.close());
afterEach(async () => simControl(app, 'DELETE', '/sim/openai/faults'));

describe('a voicemail left on a simulated call', () => {
  let agent: ConnectedAgent;
  let jordan: { id: string };

  beforeAll(async () => {
    agent = await aConnectedAgent(app);
    jordan = await addContact(agent.client, 'Jordan Sample', ['+1 512 555 0123']);
  });

  it('gets Whisper’s transcript on the contact, sent with a file name that matches its bytes', async () => {
    const before = await whisperTraffic(app);
    const { callId } = await placeSimCall(app, {
      zoomUserId: agent.zoomUserId,
      direction: 'inbound',
      externalNumber: '+15125550123',
      outcome: 'voicemail',
    });
    const voicemail = await settledVoicemail(agent, ['done', 'failed']);
    const traffic = await whisperTraffic(app);

    expect(voicemail).toMatchObject({
      status: 'done',
      transcript: { text: jordanWords, engine: 'whisper-1' },
      contacts: [{ id: jordan.id, name: 'Jordan Sample' }],
    });
    // Field report 19: the part's name carries the sniffed extension (a WAV here).
    expect(traffic.requests.slice(before.requests.length)).toEqual([
      expect.objectContaining({
        filename: expect.stringMatching(/^vm_[0-9a-f]{32}\.wav$/),
        contentType: 'audio/wav',
      }),
    ]);

    const onContact = await voicemailsOf(agent, `?contactId=${jordan.id}`);

    expect(onContact.map((item) => item.id)).toContain(voicemail.id);

    const call = await waitFor(async () => {
      const { json } = await agent.client.get(`/api/calls?contactId=${jordan.id}`);

      return json.calls.find((c: { zoomCallId: string }) => c.zoomCallId === callId);
    });

    expect(voicemail.callId).toBe(call.id);
  });
});

describe('transcription failures', () => {
  let agent: ConnectedAgent;

  beforeAll(async () => {
    agent = await aConnectedAgent(app);
  });

  it('shows Zoom’s own transcription, engine named, while ours is still running', async () => {
    await simControl(app, 'POST', '/sim/openai/faults', { delayMs: 1500, count: 1 });
    const { voicemailId } = await leaveVoicemail(app, agent, {
      zoomTranscript: 'Zoom heard: call me back',
    });
    const meanwhile = await waitFor(async () => {
      const all = await voicemailsOf(agent);
      const found = all.find((item) => item.zoomVoicemailId === voicemailId);

      return found?.transcript ? found : undefined;
    });

    expect(meanwhile).toMatchObject({
      status: 'transcribing',
      transcript: { text: 'Zoom heard: call me back', engine: 'zoom' },
    });

    const done = await settledVoicemail(agent, ['done', 'failed'], voicemailId);

    expect(done.transcript).toEqual({ text: jordanWords, engine: 'whisper-1' });
  });

  it('retries 502 and 503 and then succeeds', async () => {
    await simControl(app, 'POST', '/sim/openai/faults', { status: 502, count: 1 });
    await simControl(app, 'POST', '/sim/openai/faults', { status: 503, count: 1 });

    const before = await whisperTraffic(app);

    const { voicemailId } = await leaveVoicemail(app, agent);
    const voicemail = await settledVoicemail(agent, ['done', 'failed'], voicemailId);

    expect(voicemail.status).toBe('done');
    expect((await whisperTraffic(app)).attempts - before.attempts).toBe(3);
  });

  it('gives up after three retries with the reason kept, and Retry then succeeds', async () => {
    await simControl(app, 'POST', '/sim/openai/faults', { status: 503, count: 4 });

    const before = await whisperTraffic(app);

    const { voicemailId } = await leaveVoicemail(app, agent);
    const failed = await settledVoicemail(agent, ['failed', 'done'], voicemailId, 20_000);

    expect(failed).toMatchObject({ status: 'failed', retryable: true, transcript: null });
    expect(failed.failureReason).toMatch(/HTTP 503.*gave up after 4 attempts/);
    expect((await whisperTraffic(app)).attempts - before.attempts).toBe(4);

    const retry = await agent.client.post(`/api/voicemails/${failed.id}/retry`, {});

    expect(retry.status).toBe(202);

    const done = await settledVoicemail(agent, ['done'], voicemailId);

    expect(done).toMatchObject({ id: failed.id, transcript: { text: jordanWords } });

    const again = await agent.client.post(`/api/voicemails/${failed.id}/retry`, {});

    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('VOICEMAIL_NOT_RETRYABLE');
  }, 30_000);

  it.each([
    [401, /HTTP 401.*OPENAI_API_KEY/],
    [413, /HTTP 413/],
  ])('fails at once on %i, with no retry', async (status, reason) => {
    await simControl(app, 'POST', '/sim/openai/faults', { status, count: 5 });

    const before = await whisperTraffic(app);

    const { voicemailId } = await leaveVoicemail(app, agent);
    const failed = await settledVoicemail(agent, ['failed', 'done'], voicemailId);

    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatch(reason);
    expect(failed.failureReason).not.toMatch(/gave up/);
    expect((await whisperTraffic(app)).attempts - before.attempts).toBe(1);
  });

  it('refuses audio of an unknown type locally, before any upload (field report 19)', async () => {
    const before = await whisperTraffic(app);

    const { voicemailId } = await leaveVoicemail(app, agent, {
      audio: { base64: Buffer.alloc(4000, 'not audio at all ').toString('base64') },
    });
    const failed = await settledVoicemail(agent, ['failed', 'done'], voicemailId);

    expect(failed.failureReason).toMatch(/format was not recognised/);
    expect((await whisperTraffic(app)).attempts).toBe(before.attempts);
  });

  it('field report 18: 26,214,400 bytes are sent; 26,222,592 are "too large" with no call', async () => {
    const before = await whisperTraffic(app);

    const over = await leaveVoicemail(app, agent, { audio: { syntheticBytes: 26_222_592 } });
    const large = await settledVoicemail(agent, ['too_large', 'failed', 'done'], over.voicemailId);

    expect(large).toMatchObject({ status: 'too_large', failureReason: expect.any(String) });
    expect((await whisperTraffic(app)).attempts).toBe(before.attempts);

    const limit = await leaveVoicemail(app, agent, { audio: { syntheticBytes: 26_214_400 } });
    const atLimit = await settledVoicemail(
      agent,
      ['done', 'failed', 'too_large'],
      limit.voicemailId,
      30_000,
    );
    const traffic = await whisperTraffic(app);

    expect(atLimit.status).toBe('done');
    expect(traffic.requests.at(-1)).toMatchObject({ bytes: 26_214_400 });
  }, 40_000);

  it('a voicemail of someone else cannot be retried (404)', async () => {
    const other = await aConnectedAgent(app);
    const [mine] = await voicemailsOf(agent);
    const response = await other.client.post(`/api/voicemails/${mine?.id}/retry`, {});

    expect(response.status).toBe(404);
    expect(await voicemailsOf(other)).toEqual([]);
  });
});

describe('without OPENAI_API_KEY', () => {
  it('lists voicemails with a "not configured" status, retryable later', async () => {
    const bare = await startTestApp();

    try {
      const agent = await aConnectedAgent(bare);

      const { voicemailId } = await leaveVoicemail(bare, agent);
      const voicemail = await settledVoicemail(agent, ['not_configured'], voicemailId);

      expect(voicemail).toMatchObject({ transcript: null, retryable: true });
      expect((await whisperTraffic(bare)).attempts).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
