/**
 * What a failed Zoom call means for us, in the few outcomes that decide what happens next
 * (STYLE.md habit 6). Codes from API.md §1.6 (OAuth table) and §6.3 (REST envelope).
 */
export type ZoomOutcome =
  | 'retry_later' // outage, timeout, 5xx, 429: back off and try again
  | 'refresh_token' // the access token expired or was replaced: refresh once, then retry
  | 'reconnect' // the grant is gone: the user must connect again
  | 'not_found'
  | 'forbidden' // e.g. no Zoom Phone licence, missing scope
  | 'bad_request'; // our bug or bad input: retrying will not help

export interface ZoomFailureFacts {
  status: number;
  /** Zoom's numeric `code` from a REST body, when there is one. */
  code?: number | undefined;
  /** The OAuth endpoint's `error` field (`invalid_grant`, …). */
  oauthError?: string | undefined;
  /** The OAuth endpoint's `reason` text; "Invalid Token!" is what a dead refresh token gives. */
  reason?: string | undefined;
}

// 4735 owner gone, 4737 token record missing, 4738 pre-approval withdrawn, 4740 reuse limit,
// 4741 replaced by a newer authorization, 4711 scopes no longer match the app.
const grantGoneCodes = new Set([4711, 4735, 4737, 4738, 4740, 4741]);
const zoomPhoneUnavailableCodes = new Set([2013, 2031]);

export function classifyZoomFailure(facts: ZoomFailureFacts): ZoomOutcome {
  const { status, code, oauthError } = facts;

  if (oauthError === 'invalid_grant' || (code !== undefined && grantGoneCodes.has(code))) {
    return 'reconnect';
  }

  if (oauthError === 'invalid_client') return 'bad_request';

  if (status === 401) return code === 124 || code === undefined ? 'refresh_token' : 'reconnect';

  if (status === 429 || status === 408 || status >= 500 || status === 0) return 'retry_later';

  if (status === 403 || (code !== undefined && zoomPhoneUnavailableCodes.has(code))) {
    return 'forbidden';
  }

  if (status === 404) return 'not_found';

  return 'bad_request';
}
