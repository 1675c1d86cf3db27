import type { z } from 'zod';
import { metrics } from '../metrics/metrics.js';
import { ZoomError } from './zoom-error.js';

export interface ZoomHttpSettings {
  apiUrl: string;
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

export interface ZoomRequest {
  operation: string;
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  accessToken?: string;
  basicAuth?: { clientId: string; clientSecret: string };
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  timeoutMs: number;
}

/** First half of every Zoom call: build and send the request; network failures become ZoomErrors. */
export async function sendZoomRequest(request: ZoomRequest): Promise<Response> {
  const url = new URL(request.url);

  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }

  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;

  if (request.accessToken) headers.authorization = `Bearer ${request.accessToken}`;

  if (request.basicAuth) {
    const { clientId, clientSecret } = request.basicAuth;

    headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  }

  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  } else if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }

  let response: Response;

  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body,
      redirect: 'follow',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw new ZoomError(request.operation, 0, {}, { cause: error, outcome: 'retry_later' });
  }

  if (response.status === 429) metrics.zoomRateLimited.inc({ operation: request.operation });

  return response;
}

/**
 * Second half: check status, content type and shape, and return typed data. Anything else
 * becomes a ZoomError carrying Zoom's code, message and tracking id (never the body's secrets).
 */
export async function readZoomJson<T extends z.ZodType>(
  operation: string,
  response: Response,
  schema: T,
): Promise<z.infer<T>> {
  const trackingId = response.headers.get('x-zm-trackingid') ?? undefined;
  const text = await response.text();
  const json = parseJson(text);

  if (!response.ok) throw zoomErrorFrom(operation, response, json, trackingId);

  if (!/json/i.test(response.headers.get('content-type') ?? '') || json === undefined) {
    throw new ZoomError(
      operation,
      response.status,
      {
        trackingId,
        zoomMessage: 'response is not JSON',
      },
      { outcome: 'retry_later' },
    );
  }

  const parsed = schema.safeParse(json);

  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'body';

    throw new ZoomError(
      operation,
      response.status,
      { trackingId, zoomMessage: `unexpected response shape at ${where}` },
      { cause: parsed.error, outcome: 'bad_request' },
    );
  }

  return parsed.data;
}

/** For calls whose success carries no body we need (revoke, delete). */
export async function expectZoomOk(operation: string, response: Response): Promise<void> {
  if (response.ok) {
    await response.body?.cancel();

    return;
  }

  const text = await response.text();

  throw zoomErrorFrom(
    operation,
    response,
    parseJson(text),
    response.headers.get('x-zm-trackingid') ?? undefined,
  );
}

function zoomErrorFrom(
  operation: string,
  response: Response,
  json: unknown,
  trackingId: string | undefined,
): ZoomError {
  const body = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;

  return new ZoomError(operation, response.status, {
    code: typeof body.code === 'number' ? body.code : undefined,
    zoomMessage: typeof body.message === 'string' ? body.message : undefined,
    oauthError: typeof body.error === 'string' ? body.error : undefined,
    reason: typeof body.reason === 'string' ? body.reason : undefined,
    trackingId,
    retryAfter: response.headers.get('retry-after') ?? undefined,
    rateLimitType: response.headers.get('x-ratelimit-type') ?? undefined,
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
