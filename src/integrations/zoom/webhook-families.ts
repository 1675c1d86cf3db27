import type { WebhookFamily } from '../../webhooks/webhook-family.js';
import { deauthorizationFamily } from './deauthorization.family.js';
import { callHistoryFamily, phoneCallFamily } from './phone-call.family.js';
import { recordingFamily } from './transcripts/recording.family.js';
import { voicemailFamily } from './voicemail/voicemail.family.js';
import { phoneRecordingFamily } from './recordings/phone-recording.family.js';
import { recordingDeletedFamily } from './recordings/recording-deleted.family.js';

/** Every Zoom event family the app acts on. Anything else is acknowledged and skipped. */
export const webhookFamilies: readonly WebhookFamily[] = [
  phoneCallFamily,
  callHistoryFamily,
  recordingFamily,
  voicemailFamily,
  phoneRecordingFamily,
  recordingDeletedFamily,
  deauthorizationFamily,
];
