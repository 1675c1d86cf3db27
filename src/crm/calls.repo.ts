import type { Selectable } from 'kysely';
import type { Db, DbDialect } from '../db/database.js';
import type { CallsTable } from '../db/db-types.js';
import { newId } from '../lib/ids.js';
import { findContactIdsByNumber } from './contacts.repo.js';
import type { ExternalParty } from './call-party.js';
import { mergeCallState, talkSeconds, type CallObservation, type CallState } from './call-state.js';

export type CallRow = Selectable<CallsTable>;

export interface CallEventRecord {
  ownerId: string;
  zoomCallId: string;
  direction: 'inbound' | 'outbound';
  observation: CallObservation;
  other: ExternalParty;
  /** Zoom's own talk time, from a call-history record; preferred over one we compute. */
  talkSeconds?: number | undefined;
  /** Zoom's ids of the call's recording and voicemail, when a record names them. */
  recordingId?: string | undefined;
  voicemailId?: string | undefined;
}

const stateOf = (row: CallRow): CallState => ({
  status: row.status,
  result: row.result as CallState['result'],
  startedAt: row.started_at,
  answeredAt: row.answered_at,
  endedAt: row.ended_at,
});

/**
 * Folds one call event into the owner's call row, creating it on first sight. The row is read
 * and written under a lock (FOR UPDATE on PostgreSQL; SQLite has one writer), so two events of
 * one call processed at once cannot lose each other's fields.
 */
export async function recordCallEvent(
  db: Db,
  dialect: DbDialect,
  record: CallEventRecord,
  now: number,
): Promise<{ call: CallRow; created: boolean }> {
  return db.transaction().execute((trx) => recordCallEventIn(trx, dialect, record, now));
}

/** The same, inside a transaction the caller holds (the back-fill writes a page in one). */
export async function recordCallEventIn(
  trx: Db,
  dialect: DbDialect,
  record: CallEventRecord,
  now: number,
): Promise<{ call: CallRow; created: boolean }> {
  const inserted = await trx
    .insertInto('calls')
    .values({
      id: newId(),
      owner_id: record.ownerId,
      zoom_call_id: record.zoomCallId,
      direction: record.direction,
      status: record.observation.status,
      external_kind: record.other.kind,
      match: 'none',
      // Until an event says when the call started, its first sight stands in.
      started_at: record.observation.startedAt ?? now,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['owner_id', 'zoom_call_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const created = inserted !== undefined;

  let select = trx
    .selectFrom('calls')
    .selectAll()
    .where('owner_id', '=', record.ownerId)
    .where('zoom_call_id', '=', record.zoomCallId);

  if (dialect === 'postgres') select = select.forUpdate();

  const row = await select.executeTakeFirstOrThrow();
  const next = mergeCallState(created ? null : stateOf(row), record.observation);
  // Some events leave the other party's number out (caller.phone_number is optional on
  // callee_ringing): learn it from the first event that has it.
  const learnsParty = created || (row.external_number_raw === null && record.other.raw !== null);
  const party = learnsParty ? record.other : null;

  const updated = await trx
    .updateTable('calls')
    .set({
      status: next.status,
      result: next.result,
      started_at: next.startedAt ?? row.started_at,
      answered_at: next.answeredAt,
      ended_at: next.endedAt,
      talk_seconds: record.talkSeconds ?? row.talk_seconds ?? talkSeconds(next),
      recording_id: row.recording_id ?? record.recordingId ?? null,
      voicemail_id: row.voicemail_id ?? record.voicemailId ?? null,
      external_name: row.external_name ?? record.other.name,
      ...(party && {
        external_kind: party.kind,
        external_number_raw: party.raw,
        external_number_e164: party.e164,
        match: matchFor(party, 0),
      }),
      updated_at: now,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();

  if (party?.kind === 'pstn' && party.e164) {
    const contactIds = await findContactIdsByNumber(trx, record.ownerId, party.e164);

    if (contactIds.length > 0) {
      await trx
        .insertInto('call_contacts')
        .values(
          contactIds.map((contactId) => ({
            call_id: row.id,
            contact_id: contactId,
            owner_id: record.ownerId,
          })),
        )
        .onConflict((oc) => oc.columns(['call_id', 'contact_id']).doNothing())
        .execute();
    }

    const matched = await trx
      .updateTable('calls')
      .set({ match: matchFor(party, contactIds.length) })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();

    return { call: matched, created };
  }

  return { call: updated, created };
}

function matchFor(party: ExternalParty, contactCount: number): CallRow['match'] {
  if (party.kind === 'hidden') return 'unknown_caller';

  if (party.kind !== 'pstn') return 'internal';

  if (contactCount === 0) return 'none';

  return contactCount === 1 ? 'single' : 'ambiguous';
}
