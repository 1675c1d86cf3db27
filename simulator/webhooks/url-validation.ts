// Zoom's endpoint check (WEBHOOKS.md §1.5): it posts `endpoint.url_validation` with a random
// plainToken, signed like any event, and accepts only a 200 whose JSON body is exactly
// {plainToken, encryptedToken: hex HMAC-SHA256(secret token, plainToken)}.
import { isDeepStrictEqual } from 'node:util';

import { opaqueToken } from '../state/ids.js';
import type { DeliverySettings } from './webhook.dispatcher.js';
import { encryptedTokenFor } from './signature.js';
import { postSigned } from './signed-post.js';

export interface ValidationResult {
  ok: boolean;
  status: number | null;
  body: unknown;
  error?: string;
}

export async function validateEndpoint(
  settings: DeliverySettings,
  now: number,
  signal: AbortSignal,
): Promise<ValidationResult> {
  if (!settings.webhookUrl) {
    return { ok: false, status: null, body: null, error: 'no_webhook_url' };
  }

  // 16 random bytes in base64url are 22 characters, the length of Zoom's example tokens.
  const plainToken = opaqueToken(16);
  const rawBody = JSON.stringify({
    payload: { plainToken },
    event_ts: now,
    event: 'endpoint.url_validation',
  });

  const outcome = await postSigned({
    url: settings.webhookUrl,
    secret: settings.webhookSecretToken,
    rawBody,
    now,
    timeoutMs: settings.webhookTimeoutMs,
    signal,
  });

  const body = parseJson(outcome.responseText);
  const expected = {
    plainToken,
    encryptedToken: encryptedTokenFor(settings.webhookSecretToken, plainToken),
  };

  return {
    ok: outcome.status === 200 && isDeepStrictEqual(body, expected),
    status: outcome.status,
    body,
    ...(outcome.error && outcome.status === null ? { error: outcome.error } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
