/**
 * The one way the browser talks to the 1Thing server: same-origin cookies, JSON both ways, and
 * every failure turned into an `ApiError` whose `code` the UI branches on.
 *
 * Responses are trusted to match `api.types.ts` without a runtime schema check: the server is
 * ours, validates its own output, and a bundle-sized validator would only re-check that.
 */

/** Codes the client makes up itself, for failures the server never got to describe. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const BAD_RESPONSE = 'BAD_RESPONSE';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
    this.code = code;
  }
}

export type Query = Record<string, string | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

type Listener = (error: ApiError) => void;

const unauthenticatedListeners = new Set<Listener>();

/** Called whenever any request finds the session gone, so the app can send the user to sign in. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);

  return () => unauthenticatedListeners.delete(listener);
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);

  return readResponse<T>(response);
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
    signal: options.signal ?? null,
  };

  // No content-type without a body: Fastify rejects an empty body that claims to be JSON.
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  try {
    return await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (options.signal?.aborted) throw error;

    throw new ApiError(0, NETWORK_ERROR, 'The request did not reach the server.', { cause: error });
  }
}

async function readResponse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;

  const body = await readJson(response);

  if (!response.ok) {
    const error = toApiError(response.status, body);

    if (error.code === 'UNAUTHENTICATED') unauthenticatedListeners.forEach((tell) => tell(error));

    throw error;
  }

  if (body === undefined) {
    throw new ApiError(response.status, BAD_RESPONSE, 'The server answered without JSON.');
  }

  return body as T;
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';

  if (!type.includes('json')) return undefined;

  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Reads the server's `{ error: { code, message } }`, or names the failure from its status. */
export function toApiError(status: number, body: unknown): ApiError {
  const described = describedError(body);

  if (described) return new ApiError(status, described.code, described.message);

  return new ApiError(status, codeForStatus(status), `The server answered ${status}.`);
}

function describedError(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;

  const error: unknown = body.error;

  // A plugin's own error (e.g. the rate limiter) may put a plain string in `error`.
  if (typeof error !== 'object' || error === null) return undefined;
  if (!('code' in error) || typeof error.code !== 'string' || error.code === '') return undefined;

  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';

  return { code: error.code, message };
}

function codeForStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'INTERNAL';

  return BAD_RESPONSE;
}

/** Joins a path and its query, leaving out empty values so filters that are off send nothing. */
export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();

  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }

  const search = params.toString();

  return search === '' ? path : `${path}?${search}`;
}

/** Encodes one path segment (ids, e-mail addresses) so it cannot change the path's shape. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
