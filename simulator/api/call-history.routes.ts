// `GET /v2/phone/users/:userId/call_history` for `me` (API.md §5.2): both the transitional
// `call_logs` and the new `call_elements`, paged by an opaque `next_page_token` ("" when done)
// that expires after 15 minutes.
import type { FastifyInstance } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { formOf } from '../http/form-body.js';
import type { HistoryEntry } from '../state/call-history.store.js';
import { readHistoryQuery } from './call-history.query.js';
import { phoneCaller } from './phone-users.routes.js';
import { sendZoomError, ZOOM_ERRORS } from './zoom-errors.js';

export function registerCallHistoryRoutes(v2: FastifyInstance, ctx: SimulatorContext): void {
  v2.get('/phone/users/:userId/call_history', async (request, reply) => {
    const caller = phoneCaller(request, reply, 'phone:read:list_call_logs');

    if (!caller) {
      return reply;
    }

    const { history } = ctx.state;
    const zoomUserId = caller.user.zoomUserId;
    const query = readHistoryQuery(formOf(request.query), ctx.state.now());

    if ('status' in query) {
      return sendZoomError(reply, query);
    }

    let page: { entries: HistoryEntry[]; offset: number; from: string; to: string };

    if (query.nextPageToken) {
      const cursor = history.findCursor(query.nextPageToken, zoomUserId);

      if (!cursor) {
        return sendZoomError(reply, ZOOM_ERRORS.pageTokenExpired);
      }

      page = cursor;
    } else {
      const entries = history.between(zoomUserId, query.fromMs, query.toMs);

      page = { entries, offset: 0, from: query.from, to: query.to };
    }

    const rows = page.entries.slice(page.offset, page.offset + query.pageSize);
    const nextOffset = page.offset + rows.length;
    const more = nextOffset < page.entries.length;
    const nextPageToken = more
      ? history.openCursor({ ...page, zoomUserId, offset: nextOffset })
      : '';

    return {
      from: page.from,
      to: page.to,
      page_size: query.pageSize,
      page_count: Math.ceil(page.entries.length / query.pageSize),
      total_records: page.entries.length,
      next_page_token: nextPageToken,
      call_logs: rows.map((entry) => entry.callLog),
      call_elements: rows.map((entry) => entry.callElement),
    };
  });
}
