// Scheduled meetings, their ended instances with cloud-recording files, and the credentials
// and links Zoom hands out for them (API.md §3-4, WEBHOOKS.md §4). One store per simulator,
// found through `meetingsOf(state)`, so the shared SimulatorState needs no field for it.
import { randomBytes, randomInt } from 'node:crypto';

import type { SimulatorState } from '../state/simulator.state.js';
import { opaqueToken } from '../state/ids.js';

// API.md §6.1: 100 meeting create/update requests per host user per UTC day.
export const MEETING_WRITES_PER_DAY = 100;

// WEBHOOKS.md §4.3: an event's download_token is valid for 24 hours.
export const DOWNLOAD_TOKEN_TTL_MS = 24 * 60 * 60_000;

// meeting-api.json meetingCreate: a start_url stays valid two hours.
export const START_URL_TTL_MS = 2 * 60 * 60_000;

export interface SimMeetingSettings {
  auto_recording: 'local' | 'cloud' | 'none';
  host_video: boolean;
  participant_video: boolean;
  join_before_host: boolean;
  mute_upon_entry: boolean;
  waiting_room: boolean;
  approval_type: number;
  audio: 'both' | 'telephony' | 'voip' | 'thirdParty';
}

export interface SimMeeting {
  id: number;
  /** The UUID of the meeting's next instance; the first recording carries it. */
  uuid: string;
  hostId: string;
  hostEmail: string;
  topic: string;
  type: number;
  startMs: number;
  timezone: string;
  duration: number;
  agenda: string;
  password: string;
  settings: SimMeetingSettings;
  createdAt: number;
  instances: SimInstance[];
}

export type SimFileType = 'M4A' | 'MP4' | 'TRANSCRIPT';

export interface SimFile {
  id: string;
  fileType: SimFileType;
  content: string;
  /** What Zoom announces as `file_size`; the byte length unless a test says otherwise. */
  announcedBytes: number;
}

export interface SimInstance {
  uuid: string;
  meetingId: number;
  hostId: string;
  startMs: number;
  endMs: number;
  files: SimFile[];
  /** `later`: the TRANSCRIPT file exists only once its event has been sent. */
  transcript: 'ready' | 'later' | 'none';
  pendingTranscript?: SimFile;
  /** Every download answers Zoom's HTML sign-in page, whatever the credentials. */
  signInPage: boolean;
}

interface Credential {
  uuid: string;
  expiresAt: number;
}

export class MeetingStore {
  private readonly meetings = new Map<number, SimMeeting>();
  private readonly downloadTokens = new Map<string, Credential>();
  private readonly fileLinks = new Map<string, { uuid: string; fileId: string }>();
  private readonly startTokens = new Map<string, { meetingId: number; expiresAt: number }>();
  private readonly writes = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  add(meeting: SimMeeting): void {
    this.meetings.set(meeting.id, meeting);
  }

  get(id: number): SimMeeting | undefined {
    return this.meetings.get(id);
  }

  delete(id: number): boolean {
    return this.meetings.delete(id);
  }

  list(): SimMeeting[] {
    return [...this.meetings.values()];
  }

  newMeetingId(): number {
    let id = randomInt(80_000_000_000, 89_999_999_999);

    while (this.meetings.has(id)) {
      id = randomInt(80_000_000_000, 89_999_999_999);
    }

    return id;
  }

  instance(uuid: string): SimInstance | undefined {
    for (const meeting of this.meetings.values()) {
      const found = meeting.instances.find((instance) => instance.uuid === uuid);

      if (found) {
        return found;
      }
    }

    return undefined;
  }

  /** Counts one create or update for the host; false once today's 100 are spent. */
  spendWrite(hostId: string): boolean {
    const key = `${hostId}|${new Date(this.now()).toISOString().slice(0, 10)}`;
    const used = this.writes.get(key) ?? 0;

    if (used >= MEETING_WRITES_PER_DAY) {
      return false;
    }

    this.writes.set(key, used + 1);

    return true;
  }

  /** A fresh `download_token` / `download_access_token` for one instance. */
  issueDownloadToken(uuid: string, ttlMs: number): string {
    const token = `sim.${opaqueToken(24)}`;

    this.downloadTokens.set(token, { uuid, expiresAt: this.now() + ttlMs });

    return token;
  }

  downloadTokenFits(token: string, uuid: string): boolean {
    const credential = this.downloadTokens.get(token);

    return (
      credential !== undefined && credential.uuid === uuid && credential.expiresAt > this.now()
    );
  }

  /** A download link; Zoom makes a new one each time it lists a file (API.md §4.4). */
  linkFor(uuid: string, fileId: string): string {
    const token = opaqueToken(18);

    this.fileLinks.set(token, { uuid, fileId });

    return token;
  }

  resolveLink(token: string): { instance: SimInstance; file: SimFile } | undefined {
    const link = this.fileLinks.get(token);
    const instance = link ? this.instance(link.uuid) : undefined;
    const file = instance?.files.find((candidate) => candidate.id === link?.fileId);

    return instance && file ? { instance, file } : undefined;
  }

  issueStartToken(meetingId: number): string {
    const token = opaqueToken(24);

    this.startTokens.set(token, { meetingId, expiresAt: this.now() + START_URL_TTL_MS });

    return token;
  }

  startTokenFits(token: string, meetingId: number): boolean {
    const entry = this.startTokens.get(token);

    return entry !== undefined && entry.meetingId === meetingId && entry.expiresAt > this.now();
  }
}

/** 16 random bytes in base64, like Zoom's instance UUIDs; they may hold `/` and `+`. */
export function instanceUuid(): string {
  return randomBytes(16).toString('base64');
}

/** A recording-file id shaped like Zoom's (a UUID). */
export function fileId(): string {
  const hex = randomBytes(16).toString('hex');

  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const stores = new WeakMap<SimulatorState, MeetingStore>();

export function meetingsOf(state: SimulatorState): MeetingStore {
  let store = stores.get(state);

  if (!store) {
    store = new MeetingStore(() => state.now());
    stores.set(state, store);
  }

  return store;
}
