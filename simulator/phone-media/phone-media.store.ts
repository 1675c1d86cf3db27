// Zoom Phone voicemails and call recordings of the simulator's users, with their audio, and
// the fault plan of the fake Whisper endpoint. Found through `phoneMediaOf(state)`, so the
// shared SimulatorState needs no field for it.
import { randomBytes } from 'node:crypto';

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
  /** Answer downloads with a 200 HTML sign-in page (field report 8). */
  signInPage: boolean;
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

  addVoicemail(voicemail: SimVoicemail): void {
    this.voicemails.set(voicemail.id, voicemail);
  }

  addRecording(recording: SimRecording): void {
    this.recordings.set(recording.id, recording);
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

const stores = new WeakMap<SimulatorState, PhoneMediaStore>();

export function phoneMediaOf(state: SimulatorState): PhoneMediaStore {
  let store = stores.get(state);

  if (!store) {
    store = new PhoneMediaStore();
    stores.set(state, store);
  }

  return store;
}
