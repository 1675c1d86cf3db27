// Zoom REST errors: `{code, message}` with the HTTP status Zoom uses (API.md §6.3).
import type { FastifyReply } from 'fastify';

export interface ZoomError {
  status: number;
  code: number;
  message: string;
}

export const ZOOM_ERRORS = {
  invalidToken: { status: 401, code: 124, message: 'Invalid access token.' },
  expiredToken: { status: 401, code: 124, message: 'Access token is expired.' },
  // API.md conventions: query-string tokens are refused since Feb 2023, with code 124.
  queryToken: {
    status: 401,
    code: 124,
    message: 'Invalid access token, access token is not supported as query parameter string.',
  },
  // API.md §5: the only code documented for this message.
  phoneNotEnabled: {
    status: 403,
    code: 2031,
    message: 'Zoom Phone has not been enabled for this account.',
  },
  pageTokenExpired: {
    status: 400,
    code: 400,
    message: 'The next page token is invalid or expired.',
  },
} satisfies Record<string, ZoomError>;

/** 400 / 301, Zoom's "Invalid request param" (phone-api.json, call_history responses). */
export function invalidParam(name: string, detail?: string): ZoomError {
  return {
    status: 400,
    code: 301,
    message: `Invalid request param: ${name}.${detail ? ` ${detail}` : ''}`,
  };
}

/** 400 / 4711, what Zoom answers when the token lacks the scope (API.md §3). */
export function missingScope(scope: string): ZoomError {
  return {
    status: 400,
    code: 4711,
    message: `Invalid access token, does not contain scopes:[${scope}, ${scope}:admin].`,
  };
}

export function sendZoomError(reply: FastifyReply, failure: ZoomError): FastifyReply {
  return reply.code(failure.status).send({ code: failure.code, message: failure.message });
}
