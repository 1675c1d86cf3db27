// Hooks on every request to the Zoom-facing surface (everything outside /sim/): the tracking id
// Zoom puts on each response (API.md §6.3), scripted faults, and the request log tests read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { trackingId } from '../state/ids.js';
import type { Fault } from '../state/faults.store.js';
import type { SimulatorState } from '../state/simulator.state.js';

export function isControlPath(path: string): boolean {
  return path === '/sim' || path.startsWith('/sim/');
}

export function pathOf(url: string): string {
  const queryAt = url.indexOf('?');

  return queryAt === -1 ? url : url.slice(0, queryAt);
}

export function addZoomSurfaceHooks(app: FastifyInstance, state: SimulatorState): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-zm-trackingid', trackingId());

    const path = pathOf(request.url);

    if (isControlPath(path)) {
      return;
    }

    const fault = state.faults.take(request.method, path);

    if (fault) {
      answerWithFault(reply, fault, path);

      // Fastify's way for an async hook to end the request early: return the sent reply.
      return reply;
    }

    // Only the REST API is rate limited; Zoom's OAuth host has limits of its own we do not model.
    if (path.startsWith('/v2/')) {
      const verdict = state.traffic.admit(state.now());

      if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));

      if (!verdict.ok) {
        void reply.code(verdict.status).headers(verdict.headers).send(verdict.body);

        return reply;
      }
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const path = pathOf(request.url);

    if (!isControlPath(path)) {
      state.requests.add({
        method: request.method,
        path,
        status: reply.statusCode,
        ...grantTypeOf(request, path),
        time: new Date(state.now()).toISOString(),
      });
    }
  });
}

function answerWithFault(reply: FastifyReply, fault: Fault, path: string): void {
  if (fault.retryAfter !== undefined) {
    reply.header('retry-after', fault.retryAfter);
  }

  void reply.code(fault.status).send(fault.body ?? defaultFaultBody(fault.status, path));
}

// API.md §6.2 for the 429 text; the OAuth host answers in its own {reason, error} shape (§1.6).
function defaultFaultBody(status: number, path: string): unknown {
  if (path.startsWith('/oauth/')) {
    return {
      reason: 'Internal Error',
      error: status === 429 ? 'too_many_requests' : 'server_error',
    };
  }

  if (status === 429) {
    return {
      code: 429,
      message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
    };
  }

  return { code: status, message: 'Simulated failure.' };
}

// The grant type is the only part of a token request worth logging; its other fields are secrets.
function grantTypeOf(request: FastifyRequest, path: string): { grantType?: string } {
  const body = request.body as { grant_type?: unknown } | undefined;
  const grantType = body?.grant_type;

  if (
    path !== '/oauth/token' ||
    typeof grantType !== 'string' ||
    !/^[a-z_]{1,40}$/.test(grantType)
  ) {
    return {};
  }

  return { grantType };
}
