import type { Db } from '../../../db/database.js';
import type { LiveCallsTable } from '../../../db/db-types.js';
import type { CallLine } from './call-line.js';

// Every query takes the owner's id: a live call is only ever read or changed by its agent.

/**
 * Records that a live event was seen for the call, and on which line. `shared` sticks: the
 * ringing event names the queue that routed the call, a later end event may not.
 */
export async function noteLiveCall(
  db: Db,
  row: { callId: string; ownerId: string; line: CallLine; now: number },
): Promise<void> {
  await db
    .insertInto('live_calls')
    .values({ call_id: row.callId, owner_id: row.ownerId, line: row.line, updated_at: row.now })
    .onConflict((oc) =>
      row.line === 'shared'
        ? oc.column('call_id').doUpdateSet({ line: 'shared', updated_at: row.now })
        : oc.column('call_id').doNothing(),
    )
    .execute();
}

export function findLiveCall(db: Db, ownerId: string, callId: string) {
  return db
    .selectFrom('live_calls')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('call_id', '=', callId)
    .executeTakeFirst();
}

export async function setEndState(
  db: Db,
  ownerId: string,
  callId: string,
  state: NonNullable<LiveCallsTable['end_state']>,
  now: number,
): Promise<void> {
  await db
    .updateTable('live_calls')
    .set({ end_state: state, end_requested_at: now, updated_at: now })
    .where('owner_id', '=', ownerId)
    .where('call_id', '=', callId)
    .execute();
}

/** Opens the call's "Call back" item once; a dismissed item is never reopened by a replay. */
export async function openCallBack(db: Db, ownerId: string, callId: string, now: number) {
  await db
    .updateTable('live_calls')
    .set({ callback_state: 'open', updated_at: now })
    .where('owner_id', '=', ownerId)
    .where('call_id', '=', callId)
    .where('callback_state', 'is', null)
    .execute();
}

/** Closes open "Call back" items: the given call's, or every one for a number called since. */
export async function closeCallBacks(
  db: Db,
  ownerId: string,
  which: { callId: string } | { e164: string },
  now: number,
): Promise<string[]> {
  let open = db
    .selectFrom('live_calls')
    .innerJoin('calls', 'calls.id', 'live_calls.call_id')
    .select('live_calls.call_id')
    .where('live_calls.owner_id', '=', ownerId)
    .where('calls.owner_id', '=', ownerId)
    .where('live_calls.callback_state', '=', 'open');

  open =
    'callId' in which
      ? open.where('live_calls.call_id', '=', which.callId)
      : open.where('calls.external_number_e164', '=', which.e164);

  const callIds = (await open.execute()).map((row) => row.call_id);

  if (callIds.length === 0) return [];

  await db
    .updateTable('live_calls')
    .set({ callback_state: 'done', updated_at: now })
    .where('owner_id', '=', ownerId)
    .where('call_id', 'in', callIds)
    .execute();

  return callIds;
}

/**
 * Calls of the owner still in progress, newest first: connected ones that began after
 * `connectedSince`, ringing ones after `ringingSince` (a ringing row older than that lost its
 * end event).
 */
export async function activeCallIds(
  db: Db,
  ownerId: string,
  since: { connected: number; ringing: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('calls')
    .innerJoin('live_calls', 'live_calls.call_id', 'calls.id')
    .select('calls.id')
    .where('calls.owner_id', '=', ownerId)
    .where('live_calls.owner_id', '=', ownerId)
    .where((w) =>
      w.or([
        w.and([w('calls.status', '=', 'connected'), w('calls.started_at', '>', since.connected)]),
        w.and([w('calls.status', '=', 'ringing'), w('calls.started_at', '>', since.ringing)]),
      ]),
    )
    .orderBy('calls.started_at', 'desc')
    .limit(20)
    .execute();

  return rows.map((row) => row.id);
}

export async function openCallBackIds(db: Db, ownerId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('live_calls')
    .innerJoin('calls', 'calls.id', 'live_calls.call_id')
    .select('calls.id')
    .where('live_calls.owner_id', '=', ownerId)
    .where('calls.owner_id', '=', ownerId)
    .where('live_calls.callback_state', '=', 'open')
    .orderBy('calls.started_at', 'desc')
    .limit(limit)
    .execute();

  return rows.map((row) => row.id);
}

/** The calls with their live facts, for views; calls no live event ever touched are left out. */
export function loadLiveCalls(db: Db, ownerId: string, callIds: string[]) {
  return db
    .selectFrom('calls')
    .innerJoin('live_calls', 'live_calls.call_id', 'calls.id')
    .selectAll('calls')
    .select(['live_calls.line', 'live_calls.end_state', 'live_calls.callback_state'])
    .where('calls.owner_id', '=', ownerId)
    .where('live_calls.owner_id', '=', ownerId)
    .where('calls.id', 'in', callIds)
    .execute();
}

/**
 * Links the call to one contact the agent chose (a contact created from the screen-pop), and
 * sets the match from the links it now has. Later events never unlink it: calls.repo.ts only
 * links contacts when it first learns the other party's number.
 */
export async function linkCallToContact(
  db: Db,
  ownerId: string,
  callId: string,
  contactId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('call_contacts')
      .values({ call_id: callId, contact_id: contactId, owner_id: ownerId })
      .onConflict((oc) => oc.columns(['call_id', 'contact_id']).doNothing())
      .execute();
    await setMatchFromLinks(trx, ownerId, callId);
  });
}

/**
 * Ties the call to the contact whose Call button the agent pressed, and only to that one, even
 * when several contacts share the number (field report 15: one call, never one per contact).
 */
export async function linkCallOnlyTo(
  db: Db,
  ownerId: string,
  callId: string,
  contactId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('call_contacts')
      .where('owner_id', '=', ownerId)
      .where('call_id', '=', callId)
      .where('contact_id', '!=', contactId)
      .execute();
    await trx
      .insertInto('call_contacts')
      .values({ call_id: callId, contact_id: contactId, owner_id: ownerId })
      .onConflict((oc) => oc.columns(['call_id', 'contact_id']).doNothing())
      .execute();
    await setMatchFromLinks(trx, ownerId, callId);
  });
}

async function setMatchFromLinks(db: Db, ownerId: string, callId: string) {
  const { count } = await db
    .selectFrom('call_contacts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('owner_id', '=', ownerId)
    .where('call_id', '=', callId)
    .executeTakeFirstOrThrow();
  const links = Number(count);

  if (links === 0) return;

  await db
    .updateTable('calls')
    .set({ match: links === 1 ? 'single' : 'ambiguous' })
    .where('owner_id', '=', ownerId)
    .where('id', '=', callId)
    .execute();
}
