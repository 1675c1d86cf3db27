import type { Db } from '../../../db/database.js';
import { formatPhone } from '../../../crm/phone-number.js';
import { listVoicemailRows, type VoicemailRow } from './voicemails.repo.js';

export interface VoicemailView {
  id: string;
  zoomVoicemailId: string;
  receivedAt: string;
  durationSeconds: number | null;
  caller: { name: string | null; number: string | null };
  callId: string | null;
  contacts: { id: string; name: string }[];
  status: VoicemailRow['status'];
  failureReason: string | null;
  /** Our Whisper text once done; Zoom's own text meanwhile, with the engine named. */
  transcript: { text: string; engine: string } | null;
  retryable: boolean;
}

/**
 * The agent's voicemails, newest first. Contacts are found when read, not when the voicemail
 * arrived: through the logged call when Zoom gave its id (its links follow contact edits), or by
 * the caller's number, so a voicemail that beat its call's events still shows its contact.
 */
export async function listVoicemails(
  db: Db,
  ownerId: string,
  region: string,
  filters: { contactId?: string | undefined; limit: number },
): Promise<VoicemailView[]> {
  const rows = await listVoicemailRows(db, ownerId, filters.contactId ? 500 : filters.limit);
  const calls = await callsByZoomId(db, ownerId, rows);
  const byNumber = await contactsByNumber(db, ownerId, rows);
  const views = rows.map((row) => {
    const call = row.zoom_call_id ? calls.get(row.zoom_call_id) : undefined;
    const contacts = call?.contacts.length
      ? call.contacts
      : (byNumber.get(row.caller_e164 ?? '') ?? []);

    return present(row, region, call?.id ?? null, contacts);
  });
  const wanted = filters.contactId
    ? views.filter((view) => view.contacts.some((contact) => contact.id === filters.contactId))
    : views;

  return wanted.slice(0, filters.limit);
}

function present(
  row: VoicemailRow,
  region: string,
  callId: string | null,
  contacts: { id: string; name: string }[],
): VoicemailView {
  const ours = row.status === 'done' && row.transcript !== null;

  return {
    id: row.id,
    zoomVoicemailId: row.zoom_voicemail_id,
    receivedAt: new Date(row.received_at).toISOString(),
    durationSeconds: row.duration_seconds,
    caller: {
      name: row.caller_name,
      number: row.caller_e164 ? formatPhone(row.caller_e164, region) : row.caller_number_raw,
    },
    callId,
    contacts,
    status: row.status,
    failureReason: row.failure_reason,
    transcript: ours
      ? { text: row.transcript ?? '', engine: row.transcript_engine ?? 'whisper-1' }
      : row.zoom_transcript
        ? { text: row.zoom_transcript, engine: 'zoom' }
        : null,
    retryable: row.status === 'failed' || row.status === 'not_configured',
  };
}

type Link = { id: string; name: string };

async function callsByZoomId(db: Db, ownerId: string, rows: VoicemailRow[]) {
  const zoomIds = [...new Set(rows.flatMap((row) => (row.zoom_call_id ? [row.zoom_call_id] : [])))];
  const found = new Map<string, { id: string; contacts: Link[] }>();

  if (zoomIds.length === 0) return found;

  const links = await db
    .selectFrom('calls')
    .leftJoin('call_contacts', (join) =>
      join
        .onRef('call_contacts.call_id', '=', 'calls.id')
        .on('call_contacts.owner_id', '=', ownerId),
    )
    .leftJoin('contacts', 'contacts.id', 'call_contacts.contact_id')
    .select(['calls.id', 'calls.zoom_call_id', 'contacts.id as contactId', 'contacts.name'])
    .where('calls.owner_id', '=', ownerId)
    .where('calls.zoom_call_id', 'in', zoomIds)
    .orderBy('contacts.name')
    .execute();

  for (const link of links) {
    const entry = found.get(link.zoom_call_id) ?? { id: link.id, contacts: [] };

    if (link.contactId && link.name) entry.contacts.push({ id: link.contactId, name: link.name });

    found.set(link.zoom_call_id, entry);
  }

  return found;
}

async function contactsByNumber(db: Db, ownerId: string, rows: VoicemailRow[]) {
  const numbers = [...new Set(rows.flatMap((row) => (row.caller_e164 ? [row.caller_e164] : [])))];
  const found = new Map<string, Link[]>();

  if (numbers.length === 0) return found;

  const links = await db
    .selectFrom('contact_phones')
    .innerJoin('contacts', 'contacts.id', 'contact_phones.contact_id')
    .select(['contact_phones.e164', 'contacts.id', 'contacts.name'])
    .where('contact_phones.owner_id', '=', ownerId)
    .where('contacts.owner_id', '=', ownerId)
    .where('contact_phones.e164', 'in', numbers)
    .orderBy('contacts.name')
    .execute();

  for (const link of links) {
    const list = found.get(link.e164 ?? '') ?? [];

    if (!list.some((contact) => contact.id === link.id)) {
      list.push({ id: link.id, name: link.name });
    }

    found.set(link.e164 ?? '', list);
  }

  return found;
}
