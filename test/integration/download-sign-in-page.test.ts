import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { aRecording, play, type RecordingItem } from '../support/recording-scenarios.js';
import { simControl, simRequests } from '../support/sim-control.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  leaveVoicemail,
  settledVoicemail,
  useSimulatorWhisper,
  whisperTraffic,
} from '../support/voicemail-scenarios.js';

// Field report 8: a download answered 200 with Zoom's HTML sign-in page instead of the file.
// One more try with fresh credentials (a refreshed token), then a clear failure; the page is
// never handed on as audio.

const jordanWords =
  'Hi, this is Jordan Sample. Please call me back about the house on Maple Street.';

let app: TestApp;
let agent: ConnectedAgent;

beforeAll(async () => {
  app = await startTestApp();
  useSimulatorWhisper(app);
  agent = await aConnectedAgent(app);
});
afterAll(async () => app.close());

/** What reached Zoom's download and token endpoints since the log was cleared, in order. */
async function downloadsAndRefreshes(downloadPrefix: string) {
  return (await simRequests(app))
    .filter((r) => r.path.startsWith(downloadPrefix) || r.grantType === 'refresh_token')
    .map((r) => (r.grantType === 'refresh_token' ? 'refresh' : `download ${r.status}`));
}

describe('a recording download answered with a sign-in page', () => {
  it('is tried once more with a refreshed token, and plays when Zoom then sends audio', async () => {
    const recording = await aRecording(app, agent, { signInPage: 'once' });

    await simControl(app, 'DELETE', '/sim/requests');

    const answer = await play(agent, recording.audioUrl, 'bytes=0-1');

    expect(answer.status).toBe(206);
    expect(answer.headers.get('content-type')).toBe('audio/mpeg');
    expect(answer.body).toHaveLength(2);
    expect(await downloadsAndRefreshes('/v2/phone/recording/download/')).toEqual([
      'download 200',
      'refresh',
      'download 206',
    ]);

    const listed = (await agent.client.get('/api/recordings')).json.recordings as RecordingItem[];

    expect(listed.find((item) => item.id === recording.id)?.status).toBe('available');
  });

  it('fails with the reason when the fresh token gets the page too', async () => {
    const recording = await aRecording(app, agent, { signInPage: true });

    await simControl(app, 'DELETE', '/sim/requests');

    const answer = await play(agent, recording.audioUrl);
    const error = JSON.parse(answer.body.toString()).error;

    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(error).toMatchObject({ code: 'RECORDING_UNAVAILABLE' });
    expect(error.message).toMatch(/sign-in page instead of the recording, also after fresh/);
    expect(await downloadsAndRefreshes('/v2/phone/recording/download/')).toEqual([
      'download 200',
      'refresh',
      'download 200',
    ]);
    // A sign-in page is not a dead grant: the card stays connected.
    expect((await agent.client.get('/api/integrations/zoom')).json.phone.state).toBe('connected');
  });
});

describe('a voicemail download answered with a sign-in page', () => {
  it('is tried once more with a refreshed token, and is transcribed when Zoom then sends audio', async () => {
    await simControl(app, 'DELETE', '/sim/requests');

    const { voicemailId } = await leaveVoicemail(app, agent, { signInPage: 'once' });
    const voicemail = await settledVoicemail(agent, ['done', 'failed'], voicemailId);

    expect(voicemail).toMatchObject({
      status: 'done',
      transcript: { text: jordanWords, engine: 'whisper-1' },
    });
    expect(await downloadsAndRefreshes('/v2/phone/voice_mails/download/')).toEqual([
      'download 200',
      'refresh',
      'download 200',
    ]);
  });

  it('fails with the reason, retryable, and sends nothing to Whisper when the page stays', async () => {
    const before = await whisperTraffic(app);

    await simControl(app, 'DELETE', '/sim/requests');

    const { voicemailId } = await leaveVoicemail(app, agent, { signInPage: true });
    const voicemail = await settledVoicemail(agent, ['done', 'failed'], voicemailId);

    expect(voicemail).toMatchObject({ status: 'failed', retryable: true, transcript: null });
    expect(voicemail.failureReason).toMatch(
      /sign-in page instead of audio, also after fresh credentials/,
    );
    expect(await downloadsAndRefreshes('/v2/phone/voice_mails/download/')).toEqual([
      'download 200',
      'refresh',
      'download 200',
    ]);
    expect((await whisperTraffic(app)).attempts).toBe(before.attempts);
  });
});
