import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { ZoomMeetingsTable } from '../../../db/db-types.js';
import { newId } from '../../../lib/ids.js';

export type MeetingRow = Selectable<ZoomMeetingsTable>;
export type MeetingChange = Updateable<ZoomMeetingsTable>;

// States in which a meeting exists at Zoom, or may come to exist there.
export const liveStates = ['creating', 'limited', 'created', 'failed'] as const;

export function findMeetingByActivity(db: Db, ownerId: string, activityId: string) {
  return db
    .selectFrom('zoom_meetings')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('activity_id', '=', activityId)
    .executeTakeFirst();
}

/** For jobs, whose payload carries the row id; the row names its owner. */
export function findMeetingById(db: Db, id: string) {
  return db.selectFrom('zoom_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The meeting a recording event is about, by Zoom's meeting number, among one owner's. */
export function findMeetingByZoomId(db: Db, ownerId: string, zoomMeetingId: string) {
  return db
    .selectFrom('zoom_meetings')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('zoom_meeting_id', '=', zoomMeetingId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export function listMeetings(db: Db, ownerId: string) {
  return db
    .selectFrom('zoom_meetings')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('activity_id', 'is not', null)
    .execute();
}

/**
 * Claims the activity's meeting row for a creation: a new row, or a failed one tried again.
 * The unique activity id makes this the idempotency key, so of two requests racing (a double
 * click), exactly one gets `claimed` and one Zoom meeting is made.
 */
export async function claimMeeting(
  db: Db,
  ownerId: string,
  activityId: string,
  now: number,
): Promise<{ row: MeetingRow; claimed: boolean }> {
  const inserted = await db
    .insertInto('zoom_meetings')
    .values({
      id: newId(),
      owner_id: ownerId,
      activity_id: activityId,
      state: 'creating',
      sync_state: 'in_sync',
      recording_state: 'waiting',
      transcript_state: 'waiting',
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('activity_id').doNothing())
    .returningAll()
    .executeTakeFirst();

  if (inserted) return { row: inserted, claimed: true };

  const retried = await db
    .updateTable('zoom_meetings')
    .set({ ...clearedProblem, state: 'creating', updated_at: now })
    .where('owner_id', '=', ownerId)
    .where('activity_id', '=', activityId)
    .where('state', '=', 'failed')
    .returningAll()
    .executeTakeFirst();

  if (retried) return { row: retried, claimed: true };

  const existing = await findMeetingByActivity(db, ownerId, activityId);

  if (!existing) throw new Error('meeting row vanished while being claimed');

  return { row: existing, claimed: false };
}

export const clearedProblem = {
  problem_code: null,
  problem_message: null,
  problem_fields: null,
  retry_at: null,
} satisfies MeetingChange;

export async function changeMeeting(db: Db, id: string, change: MeetingChange, now: number) {
  await db
    .updateTable('zoom_meetings')
    .set({ ...change, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Marks one owner's orphans (their activity was deleted, so the foreign key set `activity_id`
 * to null) for deletion at Zoom and returns them; the caller queues the deletions.
 */
export async function claimOrphans(db: Db, ownerId: string | null, now: number) {
  let query = db
    .updateTable('zoom_meetings')
    .set({ state: 'deleting', updated_at: now })
    .where('activity_id', 'is', null)
    .where('state', 'in', liveStates);

  if (ownerId) query = query.where('owner_id', '=', ownerId);

  return query.returning(['id', 'owner_id']).execute();
}

/** Detaches the meeting from its activity so a new one may be made; Zoom's copy goes next. */
export async function detachMeeting(db: Db, id: string, now: number) {
  const result = await db
    .updateTable('zoom_meetings')
    .set({ activity_id: null, state: 'deleting', updated_at: now })
    .where('id', '=', id)
    .where('state', 'in', liveStates)
    .executeTakeFirst();

  return Number(result.numUpdatedRows) > 0;
}

// ---- The per-host daily cap on meeting writes (API.md §6.1) ----

export async function meetingLimitFor(db: Db, userId: string, now: number) {
  const row = await db
    .selectFrom('zoom_meeting_limits')
    .select('resume_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();

  return row && row.resume_at > now ? row.resume_at : null;
}

export async function recordMeetingLimit(db: Db, userId: string, resumeAt: number, now: number) {
  await db
    .insertInto('zoom_meeting_limits')
    .values({ user_id: userId, resume_at: resumeAt, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ resume_at: resumeAt, updated_at: now }))
    .execute();
}
