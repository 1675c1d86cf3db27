import { signZoomPayload } from '../../src/webhooks/signature.js';
import { testWebhookSecret } from './test-app.js';

/** Posts a body to the app's webhook endpoint signed the way Zoom signs it (or not at all). */
export async function postWebhook(
  baseUrl: string,
  rawBody: string | Buffer,
  options: {
    timestamp?: string;
    signature?: string | null;
    secret?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature =
    options.signature === null
      ? undefined
      : (options.signature ??
        signZoomPayload(options.secret ?? testWebhookSecret, timestamp, rawBody));
  const response = await fetch(`${baseUrl}/webhooks/zoom`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-zm-request-timestamp': timestamp,
      ...(signature && { 'x-zm-signature': signature }),
      ...options.headers,
    },
    body: typeof rawBody === 'string' ? rawBody : new Uint8Array(rawBody),
  });
  const text = await response.text();

  return { status: response.status, headers: response.headers, text, json: safeJson(text) };
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A Zoom-shaped phone.callee_* / caller_* event body, for tests that act out odd deliveries. */
export function aCallEvent(
  event: string,
  fields: {
    callId: string;
    accountId: string;
    agentZoomUserId: string;
    otherNumber?: string | undefined;
    otherName?: string;
    ringingAt?: string;
    answeredAt?: string;
    endedAt?: string;
    handupResult?: string;
    other?: Record<string, unknown>;
  },
): string {
  const outbound = event.startsWith('phone.caller_');
  const agent = {
    extension_type: 'user',
    user_id: fields.agentZoomUserId,
    name: 'Agent',
    phone_number: '+15125550110',
    extension_number: 1042,
  };
  const other = fields.other ?? {
    name: fields.otherName ?? 'WIRELESS CALLER',
    ...(fields.otherNumber !== undefined && { phone_number: fields.otherNumber }),
    connection_type: 'pstn_off_net',
    ...(outbound && { extension_type: 'pstn' }),
  };

  return JSON.stringify({
    event,
    event_ts: Date.now(),
    payload: {
      account_id: fields.accountId,
      object: {
        call_id: fields.callId,
        caller: outbound ? agent : other,
        callee: outbound ? other : agent,
        ringing_start_time: fields.ringingAt ?? '2026-12-03T15:00:00Z',
        ...(fields.answeredAt && { answer_start_time: fields.answeredAt }),
        ...(fields.endedAt && { call_end_time: fields.endedAt }),
        ...(fields.handupResult && { handup_result: fields.handupResult }),
      },
    },
  });
}
