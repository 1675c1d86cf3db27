import { addContact, type ConnectedAgent } from './connected-agent.js';
import { hangUpSimCall, holdSimCall } from './held-calls.js';
import { anActivity, simJson } from './meetings-agent.js';
import { waitFor, type TestApp } from './test-app.js';
import { connectZoom, placeSimCall } from './zoom-flows.js';
import { leaveVoicemail, settledVoicemail } from './voicemail-scenarios.js';

/** The ids of one agent's data of every kind, made through the real flows. */
export interface AgentData {
  userId: string;
  contactId: string;
  activityId: string;
  zoomMeetingId: string;
  callId: string;
  zoomCallId: string;
  recordingId: string;
  voicemailId: string;
  /** A call still ringing (held open in the simulator): End call applies to it. */
  ringingCallId: string;
  ringingZoomCallId: string;
  /** A missed call with an open "Call back" item. */
  missedCallId: string;
  missedZoomCallId: string;
  dialIntentId: string;
  /** Strings that belong to this agent only: none may appear in another agent's answers. */
  markers: string[];
}

async function liveCallId(agent: ConnectedAgent, zoomCallId: string, phase?: string) {
  return waitFor(async () => {
    const { json } = await agent.client.get('/api/live-calls');
    const view = (json.calls as { phase: string; call: { id: string; zoomCallId: string } }[]).find(
      (item) => item.call.zoomCallId === zoomCallId && (!phase || item.phase === phase),
    );

    return view?.call.id;
  }, 10_000);
}

/**
 * Gives a connected Phone agent one of everything: a contact, an activity with a Zoom meeting
 * and its transcript (Meetings connected too), an answered recorded call, a voicemail, a
 * ringing call, a missed call with its call-back item, a dial intent and a data export.
 * `externalNumber` is the other party of every call, the contact's number.
 */
export async function everyKindOfData(
  app: TestApp,
  agent: ConnectedAgent,
  label: string,
  externalNumber: string,
): Promise<AgentData> {
  const contact = await addContact(agent.client, `${label} contact`, [externalNumber]);
  const activity = await anActivity(agent.client, {
    title: `${label} showing`,
    contactId: contact.id,
  });
  const meetings = await connectZoom(app, agent.client, 'meetings', agent.zoomEmail);

  if (meetings.searchParams.get('connected') !== 'meetings') {
    throw new Error(`meetings connect: ${meetings.toString()}`);
  }

  const meeting = await agent.client.post(`/api/activities/${activity.id}/zoom-meeting`);

  if (meeting.status !== 201) throw new Error(`meeting: ${meeting.status} ${meeting.text}`);

  const zoomMeetingId = String(meeting.json.meeting.zoomMeetingId);

  await simJson(app, 'POST', `/sim/meetings/${zoomMeetingId}/end`, { transcript: 'now' });
  await waitFor(async () => {
    const { json } = await agent.client.get(`/api/activities/${activity.id}/transcript`);

    return json.transcript !== null;
  }, 15_000);

  const answered = await placeSimCall(app, {
    userEmail: agent.zoomEmail,
    direction: 'inbound',
    externalNumber,
    outcome: 'answered',
    record: true,
  });
  const call = await waitFor(async () => {
    const { json } = await agent.client.get('/api/calls');

    return (json.calls as { id: string; zoomCallId: string; status: string }[]).find(
      (item) => item.zoomCallId === answered.callId && item.status === 'ended',
    );
  }, 10_000);
  const recording = await waitFor(async () => {
    const { json } = await agent.client.get('/api/recordings');

    return (json.recordings as { id: string; zoomCallId: string | null }[]).find(
      (item) => item.zoomCallId === answered.callId,
    );
  }, 10_000);
  const left = await leaveVoicemail(app, agent, { callerNumber: externalNumber.slice(1) });
  const voicemail = await settledVoicemail(
    agent,
    ['done', 'failed', 'not_configured'],
    left.voicemailId,
  );
  const missed = await holdSimCall(app, {
    userEmail: agent.zoomEmail,
    direction: 'inbound',
    externalNumber,
    state: 'ringing',
  });

  await liveCallId(agent, missed.callId, 'ringing');
  await hangUpSimCall(app, missed.callId);

  const missedCallId = await liveCallId(agent, missed.callId, 'ended');
  const ringing = await holdSimCall(app, {
    userEmail: agent.zoomEmail,
    direction: 'inbound',
    externalNumber,
    state: 'ringing',
  });
  const ringingCallId = await liveCallId(agent, ringing.callId, 'ringing');
  const intent = await agent.client.post('/api/dial-intents', {
    number: externalNumber,
    contactId: contact.id,
  });

  if (intent.status !== 201) throw new Error(`dial intent: ${intent.status} ${intent.text}`);

  const exported = await agent.client.get('/api/privacy/zoom-data');

  if (exported.status !== 200) throw new Error(`export: ${exported.status}`);

  const data = {
    userId: agent.userId,
    contactId: contact.id,
    activityId: activity.id,
    zoomMeetingId,
    callId: call.id,
    zoomCallId: answered.callId,
    recordingId: recording.id,
    voicemailId: voicemail.id,
    ringingCallId,
    ringingZoomCallId: ringing.callId,
    missedCallId,
    missedZoomCallId: missed.callId,
    dialIntentId: String(intent.json.intent.id),
  };

  return {
    ...data,
    markers: [...Object.values(data), `${label} contact`, `${label} showing`, agent.zoomEmail],
  };
}
