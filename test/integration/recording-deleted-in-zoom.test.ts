import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { aRecording, play } from '../support/recording-scenarios.js';
import { simControl, simRequests } from '../support/sim-control.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { postWebhook } from '../support/webhook-sender.js';

let app: TestApp;
let agent: ConnectedAgent;

beforeAll(async () => {
  app = await startTestApp();
  agent = await aConnectedAgent(app);
});
afterAll(async () => {
  await app.close();
});

const rowOf = (id: string) =>
  app.database.db
    .selectFrom('phone_recordings')
    .select(['status', 'download_file_id', 'zoom_recording_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const listed = async (id: string) =>
  (
    (await agent.client.get('/api/recordings')).json.recordings as { id: string; status: string }[]
  ).find((item) => item.id === id);

const downloadsAtZoom = async () =>
  (await simRequests(app)).filter((r) => r.path.startsWith('/v2/phone/recording/download/')).length;

/** Zoom's own recording id of a CRM recording, as the simulator knows it. */
const zoomIdOf = async (id: string) => (await rowOf(id)).zoom_recording_id;

describe('recording references follow Zoom’s retention', () => {
  it('phone.recording_deleted marks the recording "Deleted in Zoom", drops its download reference, and play no longer asks Zoom', async () => {
    const recording = await aRecording(app, agent);

    expect((await play(agent, recording.audioUrl, 'bytes=0-9')).status).toBe(206);

    await simControl(app, 'POST', `/sim/recordings/${await zoomIdOf(recording.id)}/delete`, {});

    await waitFor(async () => (await listed(recording.id))?.status === 'deleted_in_zoom');
    expect(await rowOf(recording.id)).toMatchObject({ download_file_id: '' });

    const before = await downloadsAtZoom();
    const refused = await play(agent, recording.audioUrl);

    expect(refused.status).toBe(410);
    expect(JSON.parse(refused.body.toString()).error.code).toBe('RECORDING_DELETED_IN_ZOOM');
    expect(await downloadsAtZoom()).toBe(before);
  });

  it('phone.recording_permanently_deleted does the same', async () => {
    const recording = await aRecording(app, agent);

    await simControl(app, 'POST', `/sim/recordings/${await zoomIdOf(recording.id)}/delete`, {
      permanently: true,
    });

    await waitFor(async () => (await listed(recording.id))?.status === 'deleted_in_zoom');
  });

  it('a deletion whose event never arrived is found on play: Zoom’s 404 marks the recording gone', async () => {
    const recording = await aRecording(app, agent);

    await simControl(app, 'POST', `/sim/recordings/${await zoomIdOf(recording.id)}/delete`, {
      notify: false,
    });

    expect((await listed(recording.id))?.status).toBe('available');

    const first = await play(agent, recording.audioUrl);

    expect(first.status).toBe(410);
    expect(await rowOf(recording.id)).toMatchObject({
      status: 'deleted_in_zoom',
      download_file_id: '',
    });
    expect((await listed(recording.id))?.status).toBe('deleted_in_zoom');
  });

  it('a deletion event from another Zoom account leaves this agent’s recording alone', async () => {
    const stranger = await aConnectedAgent(app);
    const recording = await aRecording(app, agent);
    const response = await postWebhook(
      app.baseUrl,
      JSON.stringify({
        event: 'phone.recording_deleted',
        event_ts: Date.now(),
        payload: {
          account_id: stranger.accountId,
          object: { recordings: [{ id: await zoomIdOf(recording.id), call_id: '1' }] },
        },
      }),
    );

    expect(response.status).toBe(200);
    await waitFor(async () => {
      const row = await app.database.db
        .selectFrom('webhook_inbox')
        .select('outcome')
        .where('event', '=', 'phone.recording_deleted')
        .where('zoom_account_id', '=', stranger.accountId)
        .executeTakeFirst();

      return row?.outcome === 'recording_not_held';
    });
    expect((await rowOf(recording.id)).status).toBe('available');
    expect((await play(agent, recording.audioUrl, 'bytes=0-9')).status).toBe(206);
  });
});
