// `GET /oauth/authorize` shows the consent form; `POST /oauth/authorize` is that form's answer.
// Scripts and tests skip the form with `&sim_login=<email>&sim_approve=1` (or `=0` to deny).
// Approval redirects with `code` and `state`; denial with `error=access_denied` and `state`.
import type { FastifyInstance, FastifyReply } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { type FormBody, formOf } from '../http/form-body.js';
import { type AuthorizeParams, checkAuthorize, redirectWith } from './authorize.request.js';
import { authorizeErrorPage, consentPage } from './consent.page.js';

type Decision = 'approve' | 'deny' | undefined;

export function registerAuthorizeRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.get('/oauth/authorize', async (request, reply) => {
    const query = formOf(request.query);
    const decision = { '1': 'approve', '0': 'deny' }[query.sim_approve ?? ''] as Decision;

    return answer(ctx, reply, query, decision, query.sim_login);
  });

  app.post('/oauth/authorize', async (request, reply) => {
    const form = formOf(request.body);
    const decision =
      form.decision === 'approve' || form.decision === 'deny' ? form.decision : undefined;

    return answer(ctx, reply, form, decision, form.email);
  });
}

function answer(
  ctx: SimulatorContext,
  reply: FastifyReply,
  query: FormBody,
  decision: Decision,
  email: string | undefined,
): FastifyReply {
  const check = checkAuthorize(query, ctx.settings());

  if (!check.ok) {
    return sendHtml(reply, 400, authorizeErrorPage(check.message));
  }

  if (decision === 'deny') {
    const target = redirectWith(check.params.redirectUri, {
      error: 'access_denied',
      state: check.params.state,
    });

    return reply.redirect(target, 302);
  }

  if (decision === 'approve') {
    return approve(ctx, reply, query, check.params, email);
  }

  return sendHtml(reply, 200, consentPage({ query, scopes: ctx.settings().scopes }));
}

function approve(
  ctx: SimulatorContext,
  reply: FastifyReply,
  query: FormBody,
  params: AuthorizeParams,
  email: string | undefined,
): FastifyReply {
  const user = email ? ctx.state.users.findByEmail(email.trim()) : undefined;

  if (!user) {
    const error = 'No Zoom user has this email. Create one with POST /sim/users first.';
    const view = { query, scopes: ctx.settings().scopes, email, error };

    return sendHtml(reply, 400, consentPage(view));
  }

  const code = ctx.state.oauth.issueCode({
    clientId: params.clientId,
    redirectUri: params.redirectUri,
    zoomUserId: user.zoomUserId,
    ...(params.challenge ? { challenge: params.challenge } : {}),
  });

  return reply.redirect(redirectWith(params.redirectUri, { code, state: params.state }), 302);
}

function sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}
