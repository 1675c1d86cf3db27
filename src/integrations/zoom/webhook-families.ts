import type { WebhookFamily } from '../../webhooks/webhook-family.js';
import { callHistoryFamily, phoneCallFamily } from './phone-call.family.js';
import { recordingFamily } from './transcripts/recording.family.js';

/** Every Zoom event family the app acts on. Anything else is acknowledged and skipped. */
export const webhookFamilies: readonly WebhookFamily[] = [
  phoneCallFamily,
  callHistoryFamily,
  recordingFamily,
];
