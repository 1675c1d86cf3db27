import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ActivitiesTable } from '../db/db-types.js';
import { newId } from '../lib/ids.js';

export type ActivityRow = Selectable<ActivitiesTable>;

export interface ActivityInput {
  kind: string;
  title: string;
  notes: string | null;
  contactId: string | null;
  startsAt: number | null;
  timeZone: string | null;
  durationMinutes: number | null;
}

// Every query takes the owner's id: an activity is only ever read or written by its owner.

export function listActivities(db: Db, ownerId: string, contactId?: string) {
  let query = db
    .selectFrom('activities')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .orderBy('starts_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(500);

  if (contactId) query = query.where('contact_id', '=', contactId);

  return query.execute();
}

export function getActivity(db: Db, ownerId: string, id: string) {
  return db
    .selectFrom('activities')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();
}

const columns = (input: ActivityInput) => ({
  kind: input.kind,
  title: input.title,
  notes: input.notes,
  contact_id: input.contactId,
  starts_at: input.startsAt,
  time_zone: input.timeZone,
  duration_minutes: input.durationMinutes,
});

export async function createActivity(db: Db, ownerId: string, input: ActivityInput, now: number) {
  const id = newId();

  await db
    .insertInto('activities')
    .values({ id, owner_id: ownerId, ...columns(input), created_at: now, updated_at: now })
    .execute();

  return id;
}

export async function updateActivity(
  db: Db,
  ownerId: string,
  id: string,
  input: ActivityInput,
  now: number,
) {
  const result = await db
    .updateTable('activities')
    .set({ ...columns(input), updated_at: now })
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();

  return Number(result.numUpdatedRows) > 0;
}

export async function deleteActivity(db: Db, ownerId: string, id: string) {
  const result = await db
    .deleteFrom('activities')
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();

  return Number(result.numDeletedRows) > 0;
}
