// Checks the query of `GET /oauth/authorize` (API.md §1.2). A bad client or redirect URI ends on
// an error page, never a redirect: sending the browser to an unverified URI would make the
// consent screen an open redirector.
import type { FormBody } from '../http/form-body.js';
import type { ResolvedOptions } from '../options.js';
import type { PkceChallenge } from '../state/oauth.store.js';

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state?: string;
  challenge?: PkceChallenge;
}

export type AuthorizeCheck = { ok: true; params: AuthorizeParams } | { ok: false; message: string };

// RFC 7636 §4.2: 43 to 128 characters from the unreserved set.
const CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;

export function checkAuthorize(query: FormBody, options: ResolvedOptions): AuthorizeCheck {
  if (query.client_id !== options.clientId) {
    return { ok: false, message: 'Invalid client_id: no app with this client id (4702).' };
  }

  const redirectUri = query.redirect_uri;

  if (!redirectUri || !isWebUrl(redirectUri)) {
    return { ok: false, message: 'Invalid redirect_uri: missing or not an http(s) URL (4709).' };
  }

  if (options.redirectUris.length > 0 && !options.redirectUris.includes(redirectUri)) {
    return { ok: false, message: 'Invalid redirect_uri: not on the app allow list (4709).' };
  }

  if (query.response_type !== 'code') {
    return { ok: false, message: 'Unsupported response_type: it must be "code".' };
  }

  const challenge = challengeOf(query);

  if (challenge === 'invalid') {
    return { ok: false, message: 'Invalid code_challenge or code_challenge_method.' };
  }

  return {
    ok: true,
    params: {
      clientId: query.client_id,
      redirectUri,
      ...(query.state !== undefined ? { state: query.state } : {}),
      ...(challenge ? { challenge } : {}),
    },
  };
}

// Zoom defaults the method to `plain` when a challenge comes without one (API.md §1.2).
function challengeOf(query: FormBody): PkceChallenge | undefined | 'invalid' {
  const value = query.code_challenge;
  const method = query.code_challenge_method;

  if (value === undefined) {
    return method === undefined ? undefined : 'invalid';
  }

  if (!CHALLENGE.test(value) || (method !== undefined && method !== 'S256' && method !== 'plain')) {
    return 'invalid';
  }

  return { value, method: method ?? 'plain' };
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);

    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The redirect URI with the given parameters added to whatever query it already has. */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>) {
  const url = new URL(redirectUri);

  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) {
      url.searchParams.set(name, value);
    }
  }

  return url.toString();
}
