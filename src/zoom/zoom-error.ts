import { classifyZoomFailure, type ZoomOutcome } from './zoom-failure.js';

/**
 * A failed call to Zoom, with everything support needs and nothing secret: the outcome that
 * decides our next step, Zoom's status, code, message and tracking id, and the original cause.
 */
export class ZoomError extends Error {
  readonly outcome: ZoomOutcome;

  constructor(
    readonly operation: string,
    readonly status: number,
    readonly details: {
      code?: number | undefined;
      zoomMessage?: string | undefined;
      oauthError?: string | undefined;
      reason?: string | undefined;
      trackingId?: string | undefined;
      /** The raw Retry-After header (seconds or a date), read later against the caller's clock. */
      retryAfter?: string | undefined;
      /** `QPS` or `Daily-limit` when Zoom says which limit a 429 hit (API.md §6.2). */
      rateLimitType?: string | undefined;
    },
    options?: { cause?: unknown; outcome?: ZoomOutcome },
  ) {
    const zoomText = details.zoomMessage ?? details.reason ?? details.oauthError;

    super(
      `Zoom ${operation} failed: ${status === 0 ? 'no response' : `HTTP ${status}`}` +
        (details.code !== undefined ? ` code ${details.code}` : '') +
        (zoomText ? ` (${zoomText})` : ''),
      { cause: options?.cause },
    );
    this.name = 'ZoomError';
    this.outcome =
      options?.outcome ??
      classifyZoomFailure({
        status,
        code: details.code,
        oauthError: details.oauthError,
        reason: details.reason,
      });
  }
}
