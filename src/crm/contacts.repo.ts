import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { newId } from '../lib/ids.js';
import type { NormalisedPhone } from './phone-number.js';

export interface PhoneInput {
  label: string;
  raw: string;
  normalised: NormalisedPhone;
}

export interface ContactInput {
  name: string;
  email: string | null;
  phones: PhoneInput[];
}

export interface Contact {
  id: string;
  name: string;
  email: string | null;
  phones: {
    id: string;
    label: string;
    raw: string;
    e164: string | null;
    extension: string | null;
  }[];
  createdAt: string;
  updatedAt: string;
}

// Every query here takes the owner's id: a contact is only ever read or written by its owner.

export async function listContacts(db: Db, ownerId: string, search?: string): Promise<Contact[]> {
  let query = db
    .selectFrom('contacts')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .orderBy('name')
    .limit(500);

  if (search?.trim()) {
    const pattern = `%${search
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = search.replace(/\D/g, '');

    // ESCAPE names the backslash used above: PostgreSQL assumes it, SQLite has no escape
    // character unless told, and would read `\%` as a backslash followed by anything.
    query = query.where((w) =>
      w.or([
        sql<boolean>`lower(name) like ${pattern} escape '\\'`,
        sql<boolean>`lower(email) like ${pattern} escape '\\'`,
        ...(digits.length >= 3
          ? [
              w.exists(
                w
                  .selectFrom('contact_phones')
                  .select('contact_phones.id')
                  .whereRef('contact_phones.contact_id', '=', 'contacts.id')
                  .where('contact_phones.e164', 'like', `%${digits}%`),
              ),
            ]
          : []),
      ]),
    );
  }

  const rows = await query.execute();

  return withPhones(db, ownerId, rows);
}

export async function getContact(
  db: Db,
  ownerId: string,
  id: string,
): Promise<Contact | undefined> {
  const row = await db
    .selectFrom('contacts')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();

  if (!row) return undefined;

  const [contact] = await withPhones(db, ownerId, [row]);

  return contact;
}

export async function createContact(db: Db, ownerId: string, input: ContactInput, now: number) {
  const id = newId();

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('contacts')
      .values({
        id,
        owner_id: ownerId,
        name: input.name,
        email: input.email,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertPhones(trx, ownerId, id, input.phones);
  });

  return id;
}

/** Replaces name, email and the whole phone list; false when the contact is not the owner's. */
export async function updateContact(
  db: Db,
  ownerId: string,
  id: string,
  input: ContactInput,
  now: number,
) {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('contacts')
      .set({ name: input.name, email: input.email, updated_at: now })
      .where('owner_id', '=', ownerId)
      .where('id', '=', id)
      .executeTakeFirst();

    if (Number(result.numUpdatedRows) === 0) return false;

    await trx
      .deleteFrom('contact_phones')
      .where('owner_id', '=', ownerId)
      .where('contact_id', '=', id)
      .execute();
    await insertPhones(trx, ownerId, id, input.phones);

    return true;
  });
}

export async function deleteContact(db: Db, ownerId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('contacts')
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();

  return Number(result.numDeletedRows) > 0;
}

/** Contact ids of the owner whose numbers normalise to this E.164 key (extensions aside). */
export async function findContactIdsByNumber(
  db: Db,
  ownerId: string,
  e164: string,
): Promise<string[]> {
  // Straight off the (owner_id, e164) index; the few rows are de-duplicated and ordered here.
  const rows = await db
    .selectFrom('contact_phones')
    .select('contact_id')
    .where('owner_id', '=', ownerId)
    .where('e164', '=', e164)
    .execute();

  return [...new Set(rows.map((row) => row.contact_id))].sort();
}

async function insertPhones(db: Db, ownerId: string, contactId: string, phones: PhoneInput[]) {
  if (phones.length === 0) return;

  await db
    .insertInto('contact_phones')
    .values(
      phones.map((phone, position) => ({
        id: newId(),
        contact_id: contactId,
        owner_id: ownerId,
        label: phone.label,
        raw: phone.raw,
        e164: phone.normalised.e164,
        extension: phone.normalised.extension,
        position,
      })),
    )
    .execute();
}

async function withPhones(
  db: Db,
  ownerId: string,
  rows: {
    id: string;
    name: string;
    email: string | null;
    created_at: number;
    updated_at: number;
  }[],
): Promise<Contact[]> {
  if (rows.length === 0) return [];

  const phones = await db
    .selectFrom('contact_phones')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where(
      'contact_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('position')
    .execute();

  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    phones: phones
      .filter((phone) => phone.contact_id === row.id)
      .map(({ id, label, raw, e164, extension }) => ({ id, label, raw, e164, extension })),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}
