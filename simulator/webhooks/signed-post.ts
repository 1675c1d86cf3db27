// One delivery attempt of one event, sent and judged the way Zoom does (WEBHOOKS.md §1.1-1.6):
// headers Zoom sends, a fresh signature per attempt, redirects not followed, and a verdict on
// whether Zoom would try again.
import { trackingId } from '../state/ids.js';
import { signatureFor } from './signature.js';

export interface SignedPost {
  url: string;
  secret: string;
  rawBody: string;
  now: number;
  timeoutMs: number;
  /** Aborts the attempt when the simulator closes. */
  signal: AbortSignal;
}

export interface PostOutcome {
  status: number | null;
  error: string | null;
  delivered: boolean;
  /** Zoom retries 5xx, timeouts and connection failures; never 3xx or 4xx. */
  retryable: boolean;
  responseText: string;
  durationMs: number;
}

class AttemptTimeout extends Error {}

export async function postSigned(post: SignedPost): Promise<PostOutcome> {
  const startedAt = Date.now();
  const timestamp = String(Math.floor(post.now / 1000));
  const attempt = new AbortController();
  const timer = setTimeout(() => attempt.abort(new AttemptTimeout()), post.timeoutMs);
  const stop = () => attempt.abort(post.signal.reason);

  post.signal.addEventListener('abort', stop, { once: true });

  if (post.signal.aborted) {
    stop();
  }

  try {
    const response = await fetch(post.url, {
      method: 'POST',
      redirect: 'manual',
      signal: attempt.signal,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Zoom Marketplace/1.0a',
        'x-zm-request-timestamp': timestamp,
        'x-zm-signature': signatureFor(post.secret, timestamp, post.rawBody),
        'x-zm-trackingid': trackingId(),
      },
      body: post.rawBody,
    });
    const responseText = await response.text();
    const delivered = response.status >= 200 && response.status < 300;

    return {
      status: response.status,
      error: delivered ? null : `http_${response.status}`,
      delivered,
      retryable: response.status >= 500,
      responseText,
      durationMs: Date.now() - startedAt,
    };
  } catch (error) {
    const timedOut = attempt.signal.reason instanceof AttemptTimeout;
    const cancelled = post.signal.aborted;

    return {
      status: null,
      error: timedOut
        ? 'timeout'
        : cancelled
          ? 'cancelled'
          : `connection_failed: ${describe(error)}`,
      delivered: false,
      retryable: !cancelled,
      responseText: '',
      durationMs: Date.now() - startedAt,
    };
  } finally {
    clearTimeout(timer);
    post.signal.removeEventListener('abort', stop);
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause ?? error) : error;

  if (cause instanceof Error) {
    return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
  }

  return String(cause);
}
