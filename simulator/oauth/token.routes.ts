// `POST /oauth/token` (code exchange and refresh, API.md §1.3-1.5) and `POST /oauth/revoke`
// (§1.7). Both authenticate the app with HTTP Basic and take form bodies.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { type FormBody, formOf } from '../http/form-body.js';
import type { Grant } from '../state/oauth.store.js';
import { clientAuthOk } from './client-auth.js';
import { verifierMatches } from './pkce.js';
import { missingField, sendTokenError, TOKEN_ERRORS, type TokenError } from './token-errors.js';

const FORM_TYPE = 'application/x-www-form-urlencoded';

export function registerTokenRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.post('/oauth/token', async (request, reply) => {
    if (!clientAuthenticated(ctx, request)) {
      return sendTokenError(reply, TOKEN_ERRORS.invalidClient);
    }

    if (!isForm(request)) {
      return sendTokenError(reply, TOKEN_ERRORS.notForm);
    }

    const outcome = grantFor(ctx, formOf(request.body));

    if ('status' in outcome) {
      return sendTokenError(reply, outcome);
    }

    return sendTokens(ctx, request, reply, outcome);
  });

  app.post('/oauth/revoke', async (request, reply) => {
    if (!clientAuthenticated(ctx, request)) {
      return sendTokenError(reply, TOKEN_ERRORS.invalidClient);
    }

    if (!isForm(request)) {
      return sendTokenError(reply, TOKEN_ERRORS.notForm);
    }

    const token = formOf(request.body).token;

    if (!token) {
      return sendTokenError(reply, missingField('token'));
    }

    // RFC 7009 §2.2: an unknown token is not an error; the outcome is the same either way.
    ctx.state.oauth.revoke(token);

    return reply.header('cache-control', 'no-store').send({ status: 'success' });
  });
}

function clientAuthenticated(ctx: SimulatorContext, request: FastifyRequest): boolean {
  const { clientId, clientSecret } = ctx.settings();

  return clientAuthOk(request.headers.authorization, clientId, clientSecret);
}

// Zoom takes these fields as a form (or, it says, a query string, which we do not copy: a token
// in a URL ends up in logs). A JSON body would work here and then fail against real Zoom.
function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith(FORM_TYPE);
}

function grantFor(ctx: SimulatorContext, form: FormBody): Grant | TokenError {
  const ttlSeconds = ctx.settings().accessTokenTtlSeconds;

  if (form.grant_type === 'authorization_code') {
    return exchangeCode(ctx, form, ttlSeconds);
  }

  if (form.grant_type === 'refresh_token') {
    if (!form.refresh_token) {
      return missingField('refresh_token');
    }

    return ctx.state.oauth.rotate(form.refresh_token, ttlSeconds) ?? TOKEN_ERRORS.invalidToken;
  }

  return form.grant_type ? TOKEN_ERRORS.unsupportedGrant : missingField('grant_type');
}

function exchangeCode(
  ctx: SimulatorContext,
  form: FormBody,
  ttlSeconds: number,
): Grant | TokenError {
  if (!form.code) {
    return missingField('code');
  }

  // Any exchange spends the code, failed ones too, so a wrong verifier cannot be retried.
  const code = ctx.state.oauth.redeemCode(form.code);

  if (!code || code.clientId !== ctx.settings().clientId) {
    return TOKEN_ERRORS.invalidCode;
  }

  if (form.redirect_uri !== code.redirectUri) {
    return TOKEN_ERRORS.redirectMismatch;
  }

  if (code.challenge && !verifierMatches(code.challenge, form.code_verifier)) {
    return TOKEN_ERRORS.pkceMismatch;
  }

  return ctx.state.oauth.openGrant(code.zoomUserId, ctx.settings().scopes.join(' '), ttlSeconds);
}

function sendTokens(
  ctx: SimulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
  grant: Grant,
): FastifyReply {
  return reply.header('cache-control', 'no-store').send({
    access_token: grant.accessToken,
    token_type: 'bearer',
    refresh_token: grant.refreshToken,
    expires_in: ctx.settings().accessTokenTtlSeconds,
    scope: grant.scope,
    // Zoom names the regional API host here (API.md §1.3); the simulator names itself.
    api_url: ctx.settings().publicUrl ?? `${request.protocol}://${request.host}`,
  });
}
