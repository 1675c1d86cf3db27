// `GET /v2/phone/users/:userId/voice_mails` for `me`, as phone-api.json documents it
// ("Get user's voicemails"; API.md §5.5): `from`/`to` of at most one month (default the last
// 30 days), `status` all | read | unread, `page_size` up to 300 of which a page holds at most
// 100 (the response schema's maxItems), and a `next_page_token` that expires after 15 minutes.
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { formOf } from '../http/form-body.js';
import { voicemailListItem } from '../phone-media/phone-media.events.js';
import { phoneMediaOf, type SimVoicemail } from '../phone-media/phone-media.store.js';
import type { SimUser } from '../state/users.store.js';
import { readHistoryQuery } from './call-history.query.js';
import { invalidParam, sendZoomError, ZOOM_ERRORS } from './zoom-errors.js';

const defaultSpanMs = 30 * 86_400_000;
const mostPerPage = 100;
const statuses = new Set(['all', 'read', 'unread']);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function listVoicemails(
  ctx: SimulatorContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: SimUser,
) {
  const media = phoneMediaOf(ctx.state);
  const form = formOf(request.query);
  const query = readHistoryQuery(form, ctx.state.now(), defaultSpanMs);
  const status = form.status ?? 'all';

  if ('status' in query) return sendZoomError(reply, query);

  if (!statuses.has(status)) return sendZoomError(reply, invalidParam('status'));

  let page: { voicemails: SimVoicemail[]; offset: number; from: string; to: string };

  if (query.nextPageToken) {
    const cursor = media.findVoicemailCursor(query.nextPageToken, user.zoomUserId, ctx.state.now());

    if (!cursor) return sendZoomError(reply, ZOOM_ERRORS.pageTokenExpired);

    page = cursor;
  } else {
    // Every simulated voicemail is unread: none has been played in a Zoom client.
    const voicemails = status === 'read' ? [] : media.voicemailsOf(user.zoomUserId, query);

    // This response's `from` and `to` are dates (format "date"), unlike call history's.
    page = { voicemails, offset: 0, from: day(query.fromMs), to: day(query.toMs) };
  }

  const pageSize = Math.min(query.pageSize, mostPerPage);
  const rows = page.voicemails.slice(page.offset, page.offset + pageSize);
  const nextOffset = page.offset + rows.length;
  const nextPageToken =
    nextOffset < page.voicemails.length
      ? media.openVoicemailCursor(
          { ...page, zoomUserId: user.zoomUserId, offset: nextOffset },
          ctx.state.now(),
        )
      : '';
  const baseUrl = ctx.settings().publicUrl ?? '';

  return {
    from: page.from,
    to: page.to,
    page_size: pageSize,
    page_count: Math.ceil(page.voicemails.length / pageSize),
    total_records: page.voicemails.length,
    next_page_token: nextPageToken,
    voice_mails: rows.map((voicemail) => voicemailListItem(voicemail, user, baseUrl)),
  };
}
