import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboxEntry, WebhookFamily } from './webhook-family.js';

export type { InboxEntry };

// The envelope every Zoom event shares (WEBHOOKS.md §2). `event_ts` is optional because
// app_deauthorized carries it inside `payload`.
const envelopeSchema = z.looseObject({
  event: z.string().regex(/^[A-Za-z0-9_.]{1,100}$/, 'event must be an event name'),
  event_ts: z.union([z.number(), z.string()]).optional(),
  payload: z.looseObject({ account_id: z.string().max(200).optional() }),
});

export type EnvelopeResult =
  | { ok: true; entry: InboxEntry; family: WebhookFamily | undefined }
  | { ok: false; problem: string };

/**
 * Checks a verified body's shape and derives its idempotency key. Zoom sends no event id and
 * retries are not byte-identical (WEBHOOKS.md §1.7), so each family keys its events by what
 * identifies the happening (a call event: its name, call id, agent and reported time). Events
 * no family handles are keyed by a canonical hash of their payload and acknowledged.
 */
export function readEnvelope(body: unknown, families: readonly WebhookFamily[]): EnvelopeResult {
  const envelope = envelopeSchema.safeParse(body);

  if (!envelope.success) return { ok: false, problem: describe(envelope.error) };

  const { event, payload } = envelope.data;
  const family = families.find((candidate) => candidate.events.includes(event));

  if (family) {
    const parsed = family.schema.safeParse(body);

    if (!parsed.success) return { ok: false, problem: describe(parsed.error) };

    return { ok: true, entry: { event, ...family.entry(parsed.data) }, family };
  }

  let payloadHash: string;

  try {
    payloadHash = canonicalHash(payload);
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }

  return {
    ok: true,
    entry: {
      event,
      dedupeKey: `${event}|${payloadHash}`,
      zoomAccountId: payload.account_id ?? null,
      zoomUserId: typeof payload.user_id === 'string' ? payload.user_id : null,
    },
    family: undefined,
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

const maxDepth = 64;

function canonicalJson(value: unknown, depth = 0): string {
  if (depth > maxDepth) throw new RangeError(`nested deeper than ${maxDepth} levels`);

  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item, depth + 1)).join(',')}]`;
  }

  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item, depth + 1)}`);

    return `{${entries.join(',')}}`;
  }

  return JSON.stringify(value) ?? 'null';
}
