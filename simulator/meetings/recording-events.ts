// Webhook bodies of recording.completed and recording.transcript_completed (WEBHOOKS.md §4;
// meeting-webhooks.json), built when their turn to be sent comes, each with a fresh
// download_token and fresh download links, as Zoom's deliveries differ (field report 5).
import type { SimUser } from '../state/users.store.js';
import { zoomTime } from '../state/zoom-time.js';
import { recordingFile } from './recording-files.js';
import {
  DOWNLOAD_TOKEN_TTL_MS,
  type MeetingStore,
  type SimFile,
  type SimInstance,
  type SimMeeting,
} from './meetings.store.js';

export type RecordingEventName = 'recording.completed' | 'recording.transcript_completed';

export interface RecordingEventInput {
  store: MeetingStore;
  meeting: SimMeeting;
  instance: SimInstance;
  host: SimUser;
  origin: string;
  now: number;
  /** The download_token is expired from the start (a late or replayed delivery). */
  expiredToken: boolean;
}

export function recordingEvent(
  name: RecordingEventName,
  input: RecordingEventInput,
  files: SimFile[],
): Record<string, unknown> {
  const { store, meeting, instance, host, origin, now } = input;
  const tokenTtl = input.expiredToken ? -1 : DOWNLOAD_TOKEN_TTL_MS;

  return {
    event: name,
    event_ts: now,
    download_token: store.issueDownloadToken(instance.uuid, tokenTtl),
    payload: {
      account_id: host.accountId,
      object: {
        id: meeting.id,
        uuid: instance.uuid,
        host_id: meeting.hostId,
        account_id: host.accountId,
        topic: meeting.topic,
        type: meeting.type,
        start_time: zoomTime(instance.startMs),
        password: meeting.password,
        timezone: meeting.timezone,
        host_email: host.email,
        duration: Math.max(1, Math.round((instance.endMs - instance.startMs) / 60_000)),
        share_url: `${origin}/rec/share/${encodeURIComponent(instance.uuid)}`,
        total_size: files.reduce((sum, file) => sum + file.announcedBytes, 0),
        recording_count: files.length,
        recording_files: files.map((file) => recordingFile(store, instance, file, origin)),
      },
    },
  };
}
