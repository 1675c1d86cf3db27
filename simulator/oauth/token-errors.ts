// Bodies of Zoom's OAuth host errors: `{reason, error}`, not the REST `{code, message}` shape
// (API.md §1.6). Reasons are the ones seen in the wild where Zoom's docs have none.
import type { FastifyReply } from 'fastify';

export interface TokenError {
  status: number;
  reason: string;
  error: string;
}

export const TOKEN_ERRORS = {
  invalidClient: {
    status: 401,
    reason: 'Invalid client_id or client_secret',
    error: 'invalid_client',
  },
  invalidToken: { status: 400, reason: 'Invalid Token!', error: 'invalid_grant' },
  invalidCode: { status: 400, reason: 'Invalid authorization code', error: 'invalid_grant' },
  redirectMismatch: { status: 400, reason: 'Redirect URI mismatch.', error: 'invalid_grant' },
  pkceMismatch: { status: 400, reason: 'Invalid code_verifier', error: 'invalid_grant' },
  notForm: {
    status: 400,
    reason: 'Send the parameters as application/x-www-form-urlencoded',
    error: 'invalid_request',
  },
  unsupportedGrant: {
    status: 400,
    reason: 'Unsupported grant type',
    error: 'unsupported_grant_type',
  },
} satisfies Record<string, TokenError>;

export function missingField(name: string): TokenError {
  return { status: 400, reason: `Missing ${name}`, error: 'invalid_request' };
}

export function sendTokenError(reply: FastifyReply, failure: TokenError): FastifyReply {
  return reply
    .code(failure.status)
    .header('cache-control', 'no-store')
    .send({ reason: failure.reason, error: failure.error });
}
