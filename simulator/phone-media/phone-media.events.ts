// Event bodies of phone.voicemail_received (WEBHOOKS.md §3.1) and phone.recording_completed
// (§3.2), shaped like Zoom's examples, and the act of leaving a voicemail or finishing a
// recording: the item is stored, then its event is queued for delivery.
import type { SimulatorContext } from '../context.js';
import type { SimUser } from '../state/users.store.js';
import type { AudioSource } from './audio-source.js';
import {
  mediaId,
  phoneMediaOf,
  signInPagesFor,
  type SimRecording,
  type SimVoicemail,
} from './phone-media.store.js';

const seconds = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000', '');

export function voicemailListItem(voicemail: SimVoicemail, user: SimUser, baseUrl: string) {
  return {
    id: voicemail.id,
    ...(voicemail.callId && { call_id: voicemail.callId }),
    caller_name: voicemail.callerName,
    caller_number: voicemail.callerNumber,
    caller_number_type: 2,
    callee_name: `${user.firstName} ${user.lastName}`,
    callee_number: String(user.extensionNumber),
    callee_number_type: 1,
    date_time: voicemail.dateTime,
    download_url: `${baseUrl}/v2/phone/voice_mails/download/${voicemail.fileId}`,
    duration: voicemail.durationSeconds,
    status: 'unread',
  };
}

export function voicemailEventBody(
  voicemail: SimVoicemail,
  user: SimUser,
  baseUrl: string,
  now: number,
) {
  return {
    event: 'phone.voicemail_received',
    event_ts: now,
    payload: {
      account_id: user.accountId,
      object: {
        id: voicemail.id,
        date_time: voicemail.dateTime,
        download_url: `${baseUrl}/v2/phone/voice_mails/download/${voicemail.fileId}`,
        duration: voicemail.durationSeconds,
        caller_number: voicemail.callerNumber,
        caller_number_type: 2,
        caller_name: voicemail.callerName,
        callee_user_id: user.zoomUserId,
        callee_number: String(user.extensionNumber),
        callee_number_type: 1,
        callee_name: `${user.firstName} ${user.lastName}`,
        callee_did_number: user.phoneNumber,
        callee_extension_type: 'user',
        callee_id: user.zoomUserId,
        ...(voicemail.callId && { call_id: voicemail.callId }),
      },
    },
  };
}

export function recordingItem(recording: SimRecording, user: SimUser, baseUrl: string) {
  const inbound = recording.direction === 'inbound';

  return {
    id: recording.id,
    caller_number: recording.callerNumber,
    caller_number_type: inbound ? 2 : 1,
    callee_number: recording.calleeNumber,
    callee_number_type: inbound ? 1 : 2,
    callee_name: inbound ? `${user.firstName} ${user.lastName}` : 'External',
    duration: recording.durationSeconds,
    download_url: `${baseUrl}/v2/phone/recording/download/${recording.fileId}`,
    date_time: recording.dateTime,
    ...(recording.callId && { call_id: recording.callId }),
    direction: recording.direction,
  };
}

/** A recordings[] item of the event: the list item plus who owns it (WEBHOOKS.md §3.2). */
function recordingEventItem(recording: SimRecording, user: SimUser, baseUrl: string) {
  return {
    ...recordingItem(recording, user, baseUrl),
    user_id: user.zoomUserId,
    recording_type: 'Automatic',
    owner: {
      type: 'user',
      id: user.zoomUserId,
      name: `${user.firstName} ${user.lastName}`,
      extension_number: user.extensionNumber,
    },
  };
}

export function recordingEventBody(
  recording: SimRecording,
  user: SimUser,
  baseUrl: string,
  now: number,
) {
  return {
    event: 'phone.recording_completed',
    event_ts: now,
    payload: {
      account_id: user.accountId,
      object: { recordings: [recordingEventItem(recording, user, baseUrl)] },
    },
  };
}

export interface VoicemailRequest {
  callId?: string | undefined;
  callerNumber: string;
  callerName?: string | undefined;
  audio: AudioSource;
  zoomTranscript?: string | undefined;
  atMs?: number;
  /** false: only stored (a voicemail from before the app was connected, for the list). */
  webhook?: boolean | undefined;
  signInPage?: boolean | 'once' | undefined;
}

/**
 * Stores a voicemail for the user and, unless told otherwise, queues its webhook after the
 * call's own events.
 */
export function leaveVoicemail(ctx: SimulatorContext, user: SimUser, request: VoicemailRequest) {
  const now = request.atMs ?? ctx.state.now();
  const voicemail: SimVoicemail = {
    id: mediaId(),
    fileId: mediaId(),
    zoomUserId: user.zoomUserId,
    ...(request.callId && { callId: request.callId }),
    callerNumber: request.callerNumber,
    callerName: request.callerName ?? 'WIRELESS CALLER',
    dateTime: seconds(now),
    durationSeconds: 6,
    audio: request.audio,
    ...(request.zoomTranscript && { zoomTranscript: request.zoomTranscript }),
    signInPages: signInPagesFor(request.signInPage),
  };

  phoneMediaOf(ctx.state).addVoicemail(voicemail);

  if (request.webhook !== false) sendVoicemailEvent(ctx, user, voicemail);

  return voicemail;
}

/** Queues the voicemail's phone.voicemail_received (again, for a redelivery scenario). */
export function sendVoicemailEvent(ctx: SimulatorContext, user: SimUser, voicemail: SimVoicemail) {
  ctx.dispatcher.enqueue(voicemail.callId ?? voicemail.id, [
    {
      event: 'phone.voicemail_received',
      callId: voicemail.callId ?? null,
      body: () => voicemailEventBody(voicemail, user, baseUrlOf(ctx), ctx.state.now()),
    },
  ]);
}

export interface RecordingRequest {
  callId?: string | undefined;
  direction: 'inbound' | 'outbound';
  externalNumber: string;
  audio: AudioSource;
  durationSeconds?: number;
  ignoreRange?: boolean;
  signInPage?: boolean | 'once' | undefined;
}

export function finishRecording(ctx: SimulatorContext, user: SimUser, request: RecordingRequest) {
  const now = ctx.state.now();
  const inbound = request.direction === 'inbound';
  const recording: SimRecording = {
    id: mediaId(),
    fileId: mediaId(),
    zoomUserId: user.zoomUserId,
    ...(request.callId && { callId: request.callId }),
    callerNumber: inbound ? request.externalNumber : String(user.extensionNumber),
    calleeNumber: inbound ? String(user.extensionNumber) : request.externalNumber,
    direction: request.direction,
    dateTime: seconds(now),
    durationSeconds: request.durationSeconds ?? 7,
    audio: request.audio,
    ignoreRange: request.ignoreRange ?? false,
    signInPages: signInPagesFor(request.signInPage),
  };

  phoneMediaOf(ctx.state).addRecording(recording);
  ctx.dispatcher.enqueue(request.callId ?? recording.id, [
    {
      event: 'phone.recording_completed',
      callId: request.callId ?? null,
      body: () => recordingEventBody(recording, user, baseUrlOf(ctx), ctx.state.now()),
    },
  ]);

  return recording;
}

function baseUrlOf(ctx: SimulatorContext): string {
  return ctx.settings().publicUrl ?? 'http://127.0.0.1';
}
