import { newId } from '../../src/lib/ids.js';
import { addContact, aConnectedAgent, type ConnectedAgent } from './connected-agent.js';
import { anActivity, simJson } from './meetings-agent.js';
import { aRecording, play } from './recording-scenarios.js';
import { simControl } from './sim-control.js';
import { waitFor, type TestApp } from './test-app.js';
import { leaveVoicemail } from './voicemail-scenarios.js';
import { connectZoom, placeSimCall } from './zoom-flows.js';

let counter = 0;

// Zoom's daily-cap answer to a meeting create (field report 17 b): no Retry-After.
const dailyLimitBody = {
  code: 429,
  message: 'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests.',
};

/** Resolves once every webhook the simulator sent has been delivered and processed. */
export async function settledWebhooks(app: TestApp) {
  await simJson(app, 'GET', '/sim/deliveries/idle');
  await waitFor(async () => {
    const pending = await app.database.db
      .selectFrom('webhook_inbox')
      .select('id')
      .where('status', '=', 'pending')
      .execute();

    return pending.length === 0;
  }, 15_000);
}

/**
 * An agent with both cards connected and a row in every Zoom-derived table, each made by the
 * flow that makes it in production (webhooks from the simulator, the agent's own clicks),
 * except the held-for-reconnect row, which needs a dead grant (its own test covers that flow).
 */
export async function anAgentWithZoomDataEverywhere(app: TestApp): Promise<ConnectedAgent> {
  counter += 1;

  const agent = await aConnectedAgent(app);
  const number = `+1604555${String(2000 + counter).padStart(4, '0')}`;

  await addContact(agent.client, `Pat Seed ${counter}`, [number]);

  // calls, call_contacts, live_calls, realtime_events, webhook_inbox
  const { callId } = await placeSimCall(app, {
    userEmail: agent.zoomEmail,
    direction: 'inbound',
    externalNumber: number,
    outcome: 'answered',
  });

  await waitFor(async () =>
    (await agent.client.get('/api/calls')).json.calls.some(
      (c: { zoomCallId: string; status: string }) =>
        c.zoomCallId === callId && c.status === 'ended',
    ),
  );

  // voicemails (no Whisper configured: the row is kept with its state)
  await leaveVoicemail(app, agent, { callerNumber: number.slice(1) });
  await waitFor(async () => (await agent.client.get('/api/voicemails')).json.voicemails.length);

  // phone_recordings, recording_plays
  const recording = await aRecording(app, agent, { externalNumber: number });

  await play(agent, recording.audioUrl, 'bytes=0-99');

  // zoom_meetings, meeting_recording_files, meeting_transcripts
  await connectZoom(app, agent.client, 'meetings', agent.zoomEmail);

  const activity = await anActivity(agent.client, { title: `Showing ${counter}` });
  const created = await agent.client.post(`/api/activities/${activity.id}/zoom-meeting`);

  if (created.status !== 201) throw new Error(`meeting: ${created.status} ${created.text}`);

  await simControl(app, 'POST', `/sim/meetings/${created.json.meeting.zoomMeetingId}/end`, {
    transcript: 'now',
  });
  await waitFor(async () => {
    const { json } = await agent.client.get(`/api/activities/${activity.id}/zoom-meeting`);

    return json.meeting?.transcript.state === 'ready';
  }, 15_000);

  // zoom_meeting_limits: Zoom's daily cap met by a second meeting
  const capped = await anActivity(agent.client, { title: `Capped ${counter}` });

  await simJson(app, 'POST', '/sim/faults', {
    method: 'POST',
    path: '/v2/users/me/meetings',
    status: 429,
    body: dailyLimitBody,
  });
  await agent.client.post(`/api/activities/${capped.id}/zoom-meeting`);

  // backfill_runs: the first Phone connection started the import; let it finish.
  await waitFor(async () => {
    const { json } = await agent.client.get('/api/integrations/zoom');

    return json.phone.history && json.phone.history.state !== 'importing';
  }, 15_000);

  // jobs_awaiting_reconnect: see the note above.
  await app.database.db
    .insertInto('jobs_awaiting_reconnect')
    .values({
      id: newId(),
      user_id: agent.userId,
      job_name: 'voicemail.transcribe',
      payload: JSON.stringify({ voicemailId: 'held-in-seed', ownerId: agent.userId }),
      max_attempts: 4,
      held_at: Date.now(),
    })
    .execute();

  await settledWebhooks(app);

  return agent;
}
