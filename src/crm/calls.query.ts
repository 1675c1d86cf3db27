import type { Db } from '../db/database.js';
import type { CallRow } from './calls.repo.js';
import { formatPhone } from './phone-number.js';

export interface CallFilters {
  contactId?: string | undefined;
  direction?: 'inbound' | 'outbound' | undefined;
  result?: string | undefined;
  unmatched?: boolean | undefined;
  /** Epoch ms: calls that started at or after `from` and before `to`. */
  from?: number | undefined;
  to?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

const iso = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString());

/** Cursor = `<sort time>:<id>` of the last row of the previous page (newest first). */
function parseCursor(cursor: string | undefined) {
  const match = cursor ? /^(\d{1,16}):([\w-]{1,64})$/.exec(cursor) : null;

  return match ? { at: Number(match[1]), id: match[2] as string } : undefined;
}

/** One agent's calls, newest first, each with the contacts it is linked to. */
export async function listCalls(db: Db, ownerId: string, region: string, filters: CallFilters) {
  let query = db.selectFrom('calls').selectAll().where('owner_id', '=', ownerId);

  if (filters.contactId) {
    const contactId = filters.contactId;

    query = query.where((w) =>
      w.exists(
        w
          .selectFrom('call_contacts')
          .select('call_contacts.call_id')
          .whereRef('call_contacts.call_id', '=', 'calls.id')
          .where('call_contacts.contact_id', '=', contactId)
          .where('call_contacts.owner_id', '=', ownerId),
      ),
    );
  }

  if (filters.direction) query = query.where('direction', '=', filters.direction);

  if (filters.result) query = query.where('result', '=', filters.result);

  if (filters.unmatched) query = query.where('match', '=', 'none');

  if (filters.from !== undefined) query = query.where('started_at', '>=', filters.from);

  if (filters.to !== undefined) query = query.where('started_at', '<', filters.to);

  const cursor = parseCursor(filters.cursor);

  if (cursor) {
    query = query.where((w) =>
      w.or([
        w('started_at', '<', cursor.at),
        w.and([w('started_at', '=', cursor.at), w('id', '<', cursor.id)]),
      ]),
    );
  }

  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filters.limit + 1)
    .execute();
  const page = rows.slice(0, filters.limit);
  const links = await contactLinks(
    db,
    ownerId,
    page.map((row) => row.id),
  );
  const last = page.at(-1);

  return {
    calls: page.map((row) => presentCall(row, region, links.get(row.id) ?? [])),
    nextCursor: rows.length > filters.limit && last ? `${last.started_at}:${last.id}` : null,
  };
}

/** The contacts each call is linked to, by call id, names in order; both sides the owner's. */
export async function contactLinks(db: Db, ownerId: string, callIds: string[]) {
  const links = new Map<string, { id: string; name: string }[]>();

  if (callIds.length === 0) return links;

  const rows = await db
    .selectFrom('call_contacts')
    .innerJoin('contacts', 'contacts.id', 'call_contacts.contact_id')
    .select(['call_contacts.call_id', 'contacts.id', 'contacts.name'])
    .where('call_contacts.owner_id', '=', ownerId)
    .where('contacts.owner_id', '=', ownerId)
    .where('call_contacts.call_id', 'in', callIds)
    .orderBy('contacts.name')
    .execute();

  for (const row of rows) {
    links.set(row.call_id, [...(links.get(row.call_id) ?? []), { id: row.id, name: row.name }]);
  }

  return links;
}

export function presentCall(
  row: CallRow,
  region: string,
  contacts: { id: string; name: string }[],
) {
  const display = row.external_number_e164
    ? formatPhone(row.external_number_e164, region)
    : row.external_kind === 'internal'
      ? row.external_number_raw
      : null;

  return {
    id: row.id,
    zoomCallId: row.zoom_call_id,
    direction: row.direction,
    status: row.status,
    result: row.result,
    externalNumber: row.external_number_e164 ?? row.external_number_raw,
    externalNumberDisplay: display,
    externalName: row.external_name,
    startedAt: iso(row.started_at ?? row.created_at),
    answeredAt: iso(row.answered_at),
    endedAt: iso(row.ended_at),
    talkSeconds: row.talk_seconds,
    match: row.match,
    contacts,
  };
}
