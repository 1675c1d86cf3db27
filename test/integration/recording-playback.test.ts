import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../src/http/auth.js';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { aRecording, play, type RecordingItem } from '../support/recording-scenarios.js';
import { simControl } from '../support/sim-control.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { placeSimCall } from '../support/zoom-flows.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

const million = { audio: { syntheticBytes: 1_000_000, contentType: 'audio/mpeg' } };

describe.each([
  ['Zoom honours Range', false],
  ['Zoom ignores Range and sends the whole file', true],
])('recording playback when %s', (_label, ignoreRange) => {
  let agent: ConnectedAgent;
  let recording: RecordingItem;

  beforeAll(async () => {
    agent = await aConnectedAgent(app);
    recording = await aRecording(app, agent, { ...million, ignoreRange });
  });

  it('field report 20: Safari’s bytes=0-1 probe gets exactly two bytes with 206', async () => {
    const answer = await play(agent, recording.audioUrl, 'bytes=0-1');

    expect(answer.status).toBe(206);
    expect(answer.headers.get('accept-ranges')).toBe('bytes');
    expect(answer.headers.get('content-range')).toBe('bytes 0-1/1000000');
    expect(answer.headers.get('content-length')).toBe('2');
    expect(answer.headers.get('content-type')).toBe('audio/mpeg');
    expect(answer.body).toEqual(Buffer.from('ID'));
  });

  it('without Range it sends the whole file with 200 and its length', async () => {
    const answer = await play(agent, recording.audioUrl);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('accept-ranges')).toBe('bytes');
    expect(answer.headers.get('content-length')).toBe('1000000');
    expect(answer.body.length).toBe(1_000_000);
  });

  it('serves open-ended and suffix ranges with the right bytes', async () => {
    const whole = (await play(agent, recording.audioUrl)).body;
    const open = await play(agent, recording.audioUrl, 'bytes=999990-');
    const suffix = await play(agent, recording.audioUrl, 'bytes=-500');
    const middle = await play(agent, recording.audioUrl, 'bytes=1000-1999');

    expect(open.headers.get('content-range')).toBe('bytes 999990-999999/1000000');
    expect(open.body).toEqual(whole.subarray(999_990));
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe('bytes 999500-999999/1000000');
    expect(suffix.headers.get('content-length')).toBe('500');
    expect(suffix.body).toEqual(whole.subarray(999_500));
    expect(middle.body).toEqual(whole.subarray(1000, 2000));
  });

  it('answers a range past the end with 416 and the size', async () => {
    const answer = await play(agent, recording.audioUrl, 'bytes=2000000-');

    expect(answer.status).toBe(416);
    expect(answer.headers.get('content-range')).toBe('bytes */1000000');
    expect(answer.body.length).toBe(0);
  });
});

describe('who may play a recording', () => {
  let owner: ConnectedAgent;
  let recording: RecordingItem;

  beforeAll(async () => {
    owner = await aConnectedAgent(app);
    recording = await aRecording(app, owner);
  });

  it('another agent gets 404, exactly as for an id that does not exist', async () => {
    const other = await aConnectedAgent(app);
    const theirs = await play(other, recording.audioUrl, 'bytes=0-1');
    const missing = await play(other, '/api/recordings/no-such-id/audio', 'bytes=0-1');

    expect(theirs.status).toBe(404);
    expect(JSON.parse(theirs.body.toString())).toEqual(JSON.parse(missing.body.toString()));
    expect((await other.client.get('/api/recordings')).json.recordings).toEqual([]);
  });

  it('nobody signed in gets 401', async () => {
    const response = await fetch(`${app.baseUrl}${recording.audioUrl}`);

    expect(response.status).toBe(401);
  });

  it('every play is written to the access log: who, which, when, which bytes', async () => {
    const before = Date.now();

    await play(owner, recording.audioUrl, 'bytes=0-1');
    await play(owner, recording.audioUrl);

    const rows = await app.database.db
      .selectFrom('recording_plays')
      .selectAll()
      .where('recording_id', '=', recording.id)
      .where('played_at', '>=', before - 1)
      .orderBy('played_at')
      .execute();

    expect(rows.map((row) => [row.user_id, row.range, row.outcome])).toEqual([
      [owner.userId, 'bytes=0-1', '206'],
      [owner.userId, null, '200'],
    ]);
  });

  it('an expired token is refreshed once and the recording still plays', async () => {
    await app.database.db
      .updateTable('zoom_connections')
      .set({ access_expires_at: Date.now() + 3_600_000 })
      .where('user_id', '=', owner.userId)
      .execute();
    await simControl(app, 'POST', '/sim/tokens/expire', { email: owner.zoomEmail });

    const answer = await play(owner, recording.audioUrl, 'bytes=0-1');

    expect(answer.status).toBe(206);
  });
});

describe('what Zoom hands over', () => {
  let agent: ConnectedAgent;

  beforeAll(async () => {
    agent = await aConnectedAgent(app);
  });

  it('field report 8: an HTML sign-in page is never passed on as audio', async () => {
    const recording = await aRecording(app, agent, { signInPage: true });
    const answer = await play(agent, recording.audioUrl, 'bytes=0-1');

    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body.toString()).error.code).toBe('RECORDING_UNAVAILABLE');
    expect(answer.body.toString()).not.toContain('<form');

    const listed = await agent.client.get('/api/recordings');

    expect(listed.json.recordings.find((r: RecordingItem) => r.id === recording.id).status).toBe(
      'download_failed_auth',
    );
  });

  it('closes the upstream when the browser goes away mid-stream', async () => {
    const recording = await aRecording(app, agent, { audio: { syntheticBytes: 200_000_000 } });
    const before = (await simControl(app, 'GET', '/sim/openai/requests')).abortedDownloads;
    const leaving = new AbortController();
    const response = await fetch(`${app.baseUrl}${recording.audioUrl}`, {
      headers: { cookie: `${sessionCookie}=${agent.client.cookie(sessionCookie)}` },
      signal: leaving.signal,
    });
    const reader = response.body?.getReader();

    await reader?.read();
    leaving.abort();

    const after = await waitFor(async () => {
      const { abortedDownloads } = await simControl(app, 'GET', '/sim/openai/requests');

      return abortedDownloads > before ? abortedDownloads : undefined;
    });

    expect(after).toBe(before + 1);
  });

  it('a recorded simulated call lists its recording against the call', async () => {
    const { callId } = await placeSimCall(app, {
      zoomUserId: agent.zoomUserId,
      direction: 'inbound',
      externalNumber: '+15125550177',
      outcome: 'answered',
      record: true,
    });
    const recording = await waitFor(async () => {
      const { json } = await agent.client.get('/api/recordings');

      return (json.recordings as RecordingItem[]).find((item) => item.zoomCallId === callId);
    });
    const answer = await play(agent, recording.audioUrl, 'bytes=0-1');

    expect(answer.status).toBe(206);
    expect(answer.headers.get('content-range')).toMatch(/^bytes 0-1\/\d+$/);
  });
});
