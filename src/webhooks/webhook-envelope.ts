import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  callHistoryEventSchema,
  callHistoryRecords,
  isCallHistoryEvent,
} from './call-history-event.schema.js';
import {
  callEventSides,
  isPhoneCallEvent,
  phoneCallEventSchema,
  type PhoneCallEvent,
} from './phone-call-event.schema.js';

// The envelope every Zoom event shares (WEBHOOKS.md §2). `event_ts` is optional because
// app_deauthorized carries it inside `payload`.
const envelopeSchema = z.looseObject({
  event: z.string().min(1).max(100),
  event_ts: z.union([z.number(), z.string()]).optional(),
  payload: z.looseObject({ account_id: z.string().optional() }),
});

export interface InboxEntry {
  event: string;
  dedupeKey: string;
  zoomAccountId: string | null;
  zoomUserId: string | null;
}

export type EnvelopeResult = { ok: true; entry: InboxEntry } | { ok: false; problem: string };

/**
 * Checks a verified body's shape and derives its idempotency key. Zoom sends no event id and
 * retries are not byte-identical (WEBHOOKS.md §1.7), so the key is built from what identifies
 * the happening: for a call event its name, the call id, the agent's Zoom user and the time it
 * reports. Events we do not act on are keyed by a canonical hash of their payload.
 */
export function readEnvelope(body: unknown): EnvelopeResult {
  const envelope = envelopeSchema.safeParse(body);

  if (!envelope.success) return { ok: false, problem: describe(envelope.error) };

  const { event, payload } = envelope.data;

  if (isPhoneCallEvent(event)) {
    const call = phoneCallEventSchema.safeParse(body);

    if (!call.success) return { ok: false, problem: describe(call.error) };

    return { ok: true, entry: phoneCallEntry(call.data) };
  }

  if (isCallHistoryEvent(event)) {
    const history = callHistoryEventSchema.safeParse(body);

    if (!history.success) return { ok: false, problem: describe(history.error) };

    const { object, account_id } = history.data.payload;
    const ids = callHistoryRecords(history.data).map((r) => r.call_element_id ?? r.id ?? r.call_id);

    return {
      ok: true,
      entry: {
        event,
        dedupeKey: [event, object.user_id, ...ids.sort()].join('|'),
        zoomAccountId: account_id,
        zoomUserId: object.user_id,
      },
    };
  }

  return {
    ok: true,
    entry: {
      event,
      dedupeKey: `${event}|${canonicalHash(payload)}`,
      zoomAccountId: payload.account_id ?? null,
      zoomUserId: typeof payload.user_id === 'string' ? payload.user_id : null,
    },
  };
}

function phoneCallEntry(event: PhoneCallEvent): InboxEntry {
  const { agent } = callEventSides(event);
  const object = event.payload.object;
  const when =
    object.call_end_time ??
    object.answer_start_time ??
    object.connected_start_time ??
    object.ringing_start_time ??
    '';

  return {
    event: event.event,
    dedupeKey: [event.event, object.call_id, agent.user_id ?? '', when].join('|'),
    zoomAccountId: event.payload.account_id,
    zoomUserId: agent.user_id ?? null,
  };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];

  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body';
}

/** Hash of a value with object keys sorted, so two serialisations of one payload agree. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;

  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);

    return `{${entries.join(',')}}`;
  }

  return JSON.stringify(value) ?? 'null';
}
