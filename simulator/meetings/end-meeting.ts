// Acts out the end of a meeting: a new instance with its cloud recording, and the recording
// events Zoom then sends, in order under the meeting's key. Zoom sends `recording.completed`
// first and the transcript in its own `recording.transcript_completed` later (WEBHOOKS.md
// §4.2), which is also why recording.completed's schema has no `audio_transcript` type.
import type { SimulatorContext } from '../context.js';
import type { SimUser } from '../state/users.store.js';
import type { OutgoingEvent } from '../webhooks/webhook.dispatcher.js';
import { recordingEvent, type RecordingEventName } from './recording-events.js';
import {
  fileId,
  instanceUuid,
  meetingsOf,
  type SimFile,
  type SimInstance,
  type SimMeeting,
} from './meetings.store.js';
import { sampleTranscript } from './sample-transcript.js';

export interface EndOptions {
  transcript: 'now' | 'later' | 'none';
  recording: 'audio' | 'none';
  expiredDownloadToken: boolean;
  signInPage: boolean;
  vtt?: string | undefined;
  vttFileSize?: number | undefined;
  uuid?: string | undefined;
  durationMinutes: number;
}

export function endMeeting(
  ctx: SimulatorContext,
  meeting: SimMeeting,
  host: SimUser,
  options: EndOptions,
): { instance: SimInstance; events: RecordingEventName[] } {
  const endMs = ctx.state.now();
  const media: SimFile[] =
    options.recording === 'none'
      ? []
      : [
          { id: fileId(), fileType: 'MP4', content: 'simulated video', announcedBytes: 282_825 },
          { id: fileId(), fileType: 'M4A', content: 'simulated audio', announcedBytes: 246_560 },
        ];
  const vtt = options.vtt ?? sampleTranscript(`${host.firstName} ${host.lastName}`);
  const transcriptFile: SimFile = {
    id: fileId(),
    fileType: 'TRANSCRIPT',
    content: vtt,
    announcedBytes: options.vttFileSize ?? Buffer.byteLength(vtt, 'utf8'),
  };
  const withTranscript = options.recording !== 'none' && options.transcript !== 'none';
  const instance: SimInstance = {
    uuid: options.uuid ?? meeting.uuid,
    meetingId: meeting.id,
    hostId: meeting.hostId,
    startMs: endMs - options.durationMinutes * 60_000,
    endMs,
    files: media,
    transcript: withTranscript ? (options.transcript === 'now' ? 'ready' : 'later') : 'none',
    ...(withTranscript && { pendingTranscript: transcriptFile }),
    signInPage: options.signInPage,
  };

  meeting.instances.push(instance);
  // Each time a meeting is held it is a new instance with a UUID of its own (API.md §3).
  meeting.uuid = instanceUuid();

  const events: RecordingEventName[] = ['recording.completed'];

  send(ctx, meeting, instance, host, 'recording.completed', options.expiredDownloadToken);

  if (instance.transcript === 'ready') {
    sendTranscript(ctx, meeting, instance, host, options.expiredDownloadToken);
    events.push('recording.transcript_completed');
  }

  return { instance, events };
}

/** The transcript is done: it joins the listing and its event goes out. */
export function sendTranscript(
  ctx: SimulatorContext,
  meeting: SimMeeting,
  instance: SimInstance,
  host: SimUser,
  expiredToken: boolean,
): boolean {
  const file = instance.pendingTranscript;

  if (!file) {
    return false;
  }

  delete instance.pendingTranscript;
  instance.files.push(file);
  instance.transcript = 'ready';
  send(ctx, meeting, instance, host, 'recording.transcript_completed', expiredToken);

  return true;
}

/** Queues one recording event of the instance, as its files stand when it is sent. */
export function send(
  ctx: SimulatorContext,
  meeting: SimMeeting,
  instance: SimInstance,
  host: SimUser,
  name: RecordingEventName,
  expiredToken: boolean,
): void {
  const store = meetingsOf(ctx.state);
  const origin = ctx.settings().publicUrl ?? 'http://127.0.0.1';
  const files = () =>
    name === 'recording.completed'
      ? instance.files.filter((file) => file.fileType !== 'TRANSCRIPT')
      : instance.files.filter((file) => file.fileType === 'TRANSCRIPT');
  const event: OutgoingEvent = {
    event: name,
    callId: String(meeting.id),
    body: () =>
      recordingEvent(
        name,
        { store, meeting, instance, host, origin, now: ctx.state.now(), expiredToken },
        files(),
      ),
  };

  ctx.dispatcher.enqueue(`meeting:${meeting.id}`, [event]);
}
