// One ended meeting instance's recording files as Zoom writes them, in webhooks
// (meeting-webhooks.json) and in REST listings (meeting-api.json). Download links are minted
// per listing, like Zoom's, and lead back to the simulator's /rec/download.
import { zoomTime } from '../state/zoom-time.js';
import type { MeetingStore, SimFile, SimInstance, SimMeeting } from './meetings.store.js';

const KIND: Record<SimFile['fileType'], { extension: string; recordingType: string }> = {
  M4A: { extension: 'M4A', recordingType: 'audio_only' },
  MP4: { extension: 'MP4', recordingType: 'shared_screen_with_speaker_view' },
  TRANSCRIPT: { extension: 'VTT', recordingType: 'audio_transcript' },
};

export function recordingFile(
  store: MeetingStore,
  instance: SimInstance,
  file: SimFile,
  origin: string,
): Record<string, unknown> {
  const kind = KIND[file.fileType];
  const link = store.linkFor(instance.uuid, file.id);

  return {
    id: file.id,
    meeting_id: instance.uuid,
    recording_start: zoomTime(instance.startMs),
    recording_end: zoomTime(instance.endMs),
    file_type: file.fileType,
    file_extension: kind.extension,
    file_size: file.announcedBytes,
    play_url: `${origin}/rec/play/${link}`,
    download_url: `${origin}/rec/download/${link}`,
    status: 'completed',
    recording_type: kind.recordingType,
  };
}

/** The files a listing shows now: a transcript still being made is not among them. */
export function listedFiles(instance: SimInstance): SimFile[] {
  return instance.files;
}

/** The meeting-level members of a recording listing (meeting-api.json; `type` is a string). */
export function recordingMeeting(
  store: MeetingStore,
  meeting: SimMeeting,
  instance: SimInstance,
  accountId: string,
  origin: string,
): Record<string, unknown> {
  const files = listedFiles(instance);

  return {
    uuid: instance.uuid,
    id: meeting.id,
    account_id: accountId,
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: String(meeting.type),
    start_time: zoomTime(instance.startMs),
    duration: Math.max(1, Math.round((instance.endMs - instance.startMs) / 60_000)),
    total_size: files.reduce((sum, file) => sum + file.announcedBytes, 0),
    recording_count: files.length,
    recording_files: files.map((file) => recordingFile(store, instance, file, origin)),
  };
}
