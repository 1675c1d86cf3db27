import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent } from '../support/connected-agent.js';
import { simControl } from '../support/sim-control.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import {
  leaveVoicemail,
  useSimulatorWhisper,
  voicemailsOf,
} from '../support/voicemail-scenarios.js';
import { connectZoom } from '../support/zoom-flows.js';

// The grant dies at Zoom before any job runs, so the first job to ask Zoom finds out; the
// voicemail's transcription must then wait for the reconnect, not stay failed.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ startJobs: false });
});
afterAll(async () => {
  await app.close();
});

const context = () => app.started.context;

const heldFor = (agent: { userId: string }) =>
  app.database.db
    .selectFrom('jobs_awaiting_reconnect')
    .select(['job_name'])
    .where('user_id', '=', agent.userId)
    .execute();

describe('a voicemail and a dead grant', () => {
  it('the voicemail whose own transcription found the grant dead is transcribed after the reconnect, with no Retry', async () => {
    useSimulatorWhisper(app);

    const agent = await aConnectedAgent(app);

    // The imports the connect started finish first, so the transcription is the job that
    // meets the dead grant (an import meeting it first would drop the voicemail's event).
    context().jobs.start();
    // Every job of the agent's (the call-history and voicemail imports) has finished.
    await waitFor(async () => {
      const pending = await context().jobs.list({
        userId: agent.userId,
        states: ['queued', 'running'],
      });

      return pending.length === 0;
    }, 30_000);
    const row = await app.database.db
      .selectFrom('zoom_connections')
      .select('id')
      .where('user_id', '=', agent.userId)
      .executeTakeFirstOrThrow();

    // Dead at Zoom, not yet known here: the transcription job is the first to find out.
    await app.database.db
      .updateTable('zoom_connections')
      .set({
        refresh_token_enc: context().cipher.seal('RT-revoked-elsewhere'),
        access_expires_at: Date.now() - 1,
      })
      .where('id', '=', row.id)
      .execute();
    await simControl(app, 'POST', '/sim/tokens/expire', { email: agent.zoomEmail });
    await leaveVoicemail(app, agent);

    // The transcription found the grant dead: it says so, and waits rather than failing for good.
    await waitFor(
      async () => (await heldFor(agent)).some((job) => job.job_name === 'voicemail.transcribe'),
      30_000,
    );

    const [waiting] = await voicemailsOf(agent);

    expect(waiting).toMatchObject({
      status: 'failed',
      failureReason: 'Zoom needs reconnecting in Settings → Integrations',
    });

    await connectZoom(app, agent.client, 'phone', agent.zoomEmail);

    const done = await waitFor(async () => {
      const [item] = await voicemailsOf(agent);

      return item?.status === 'done' ? item : undefined;
    }, 30_000);

    expect(done.transcript?.text).toEqual(expect.any(String));
    expect(await heldFor(agent)).toEqual([]);
  }, 90_000);
});
