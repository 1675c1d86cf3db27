// Zoom Phone voicemails and call recordings of the simulator's users, with their audio, and
// the fault plan of the fake Whisper endpoint. Found through `phoneMediaOf(state)`, so the
// shared SimulatorState needs no field for it.
import { randomBytes } from 'node:crypto';

import { CURSOR_TTL_MS } from '../state/call-history.store.js';
import { opaqueToken } from '../state/ids.js';
import type { SimulatorState } from '../state/simulator.state.js';
import type { AudioSource } from './audio-source.js';

export interface SimVoicemail {
  id: string;
  fileId: string;
  zoomUserId: string;
  callId?: string;
  callerNumber: string;
  callerName: string;
  dateTime: string;
  durationSeconds: number;
  audio: AudioSource;
  /** Zoom's own transcription, when the scenario gives one (API.md §5.5). */
  zoomTranscript?: string;
  /** Downloads still to be answered with a 200 HTML sign-in page (field report 8). */
  signInPages: number;
}

export interface SimRecording {
  id: string;
  fileId: string;
  zoomUserId: string;
  callId?: string;
  callerNumber: string;
  calleeNumber: string;
  direction: 'inbound' | 'outbound';
  dateTime: string;
  durationSeconds: number;
  audio: AudioSource;
  /** Answer downloads with 200 + the whole file even when asked for a range. */
  ignoreRange: boolean;
  /**
   * Downloads still to be answered with a 200 HTML sign-in page (field report 8): 1 for a
   * page that fresh credentials get past, Infinity for one they never do.
   */
  signInPages: number;
}

/** A voicemail list's later pages: the result set of its first page, as Zoom keeps it. */
export interface VoicemailCursor {
  zoomUserId: string;
  voicemails: SimVoicemail[];
  offset: number;
  from: string;
  to: string;
  expiresAt: number;
}

/** What the fake Whisper endpoint does with its next requests. */
export interface WhisperFault {
  status?: 401 | 413 | 502 | 503;
  delayMs?: number;
  /** How many requests the fault applies to; then it is gone. */
  count: number;
}

/** 32 hex characters, the shape of Zoom's voicemail and recording ids (WEBHOOKS.md §3.1). */
export const mediaId = (): string => randomBytes(16).toString('hex');

export class PhoneMediaStore {
  readonly voicemails = new Map<string, SimVoicemail>();
  readonly recordings = new Map<string, SimRecording>();
  /** Every upload the fake Whisper endpoint accepted: file name and type, never kept audio. */
  readonly transcriptionRequests: { filename: string; contentType: string; bytes: number }[] = [];
  /** Recording downloads the client left before the last byte (the app closed its upstream). */
  abortedDownloads = 0;
  /** Every request that reached the fake Whisper endpoint, faulted ones included. */
  transcriptionAttempts = 0;
  private faults: WhisperFault[] = [];
  private readonly voicemailCursors = new Map<string, VoicemailCursor>();

  addVoicemail(voicemail: SimVoicemail): void {
    this.voicemails.set(voicemail.id, voicemail);
  }

  addRecording(recording: SimRecording): void {
    this.recordings.set(recording.id, recording);
  }

  /** The user's voicemails left inside [fromMs, toMs], newest first. */
  voicemailsOf(zoomUserId: string, range: { fromMs: number; toMs: number }): SimVoicemail[] {
    return [...this.voicemails.values()]
      .filter((voicemail) => voicemail.zoomUserId === zoomUserId)
      .filter((voicemail) => {
        const at = Date.parse(voicemail.dateTime);

        return at >= range.fromMs && at <= range.toMs;
      })
      .sort((a, b) => Date.parse(b.dateTime) - Date.parse(a.dateTime));
  }

  openVoicemailCursor(cursor: Omit<VoicemailCursor, 'expiresAt'>, now: number): string {
    const token = opaqueToken(24);

    this.voicemailCursors.set(token, { ...cursor, expiresAt: now + CURSOR_TTL_MS });

    return token;
  }

  /** The cursor behind a token, if it is the same user's and has not expired. */
  findVoicemailCursor(token: string, zoomUserId: string, now: number) {
    const cursor = this.voicemailCursors.get(token);

    if (cursor && cursor.expiresAt <= now) {
      this.voicemailCursors.delete(token);

      return undefined;
    }

    return cursor?.zoomUserId === zoomUserId ? cursor : undefined;
  }

  voicemailByFile(fileId: string): SimVoicemail | undefined {
    return [...this.voicemails.values()].find((voicemail) => voicemail.fileId === fileId);
  }

  recordingByFile(fileId: string): SimRecording | undefined {
    return [...this.recordings.values()].find((recording) => recording.fileId === fileId);
  }

  planWhisperFault(fault: WhisperFault): void {
    this.faults.push(fault);
  }

  clearWhisperFaults(): void {
    this.faults = [];
  }

  /** The fault for this request, if one is planned; each use counts down. */
  takeWhisperFault(): WhisperFault | undefined {
    const fault = this.faults[0];

    if (!fault) return undefined;

    fault.count -= 1;

    if (fault.count <= 0) this.faults.shift();

    return fault;
  }
}

/** The control API's `signInPage`: true (always), 'once', or false. */
export function signInPagesFor(signInPage: boolean | 'once' | undefined): number {
  if (signInPage === 'once') return 1;

  return signInPage ? Number.POSITIVE_INFINITY : 0;
}

/** Counts one download against the item's sign-in pages; true when this one gets the page. */
export function takeSignInPage(item: { signInPages: number }): boolean {
  if (item.signInPages <= 0) return false;

  item.signInPages -= 1;

  return true;
}

const stores = new WeakMap<SimulatorState, PhoneMediaStore>();

export function phoneMediaOf(state: SimulatorState): PhoneMediaStore {
  let store = stores.get(state);

  if (!store) {
    store = new PhoneMediaStore();
    stores.set(state, store);
  }

  return store;
}
