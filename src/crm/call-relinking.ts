import type { Db } from '../db/database.js';

/**
 * Late matching: a contact created, or a number added, after calls from that number were
 * logged links those calls now. Only calls still matched to nobody are touched, so a call an
 * agent placed to one particular contact keeps its link (DESIGN.md §3).
 */
export async function linkUnmatchedCalls(
  db: Db,
  ownerId: string,
  e164s: string[],
): Promise<number> {
  if (e164s.length === 0) return 0;

  return db.transaction().execute(async (trx) => {
    const calls = await trx
      .selectFrom('calls')
      .select(['id', 'external_number_e164'])
      .where('owner_id', '=', ownerId)
      .where('match', '=', 'none')
      .where('external_kind', '=', 'pstn')
      .where('external_number_e164', 'in', e164s)
      .execute();

    if (calls.length === 0) return 0;

    const phones = await trx
      .selectFrom('contact_phones')
      .select(['contact_id', 'e164'])
      .distinct()
      .where('owner_id', '=', ownerId)
      .where('e164', 'in', e164s)
      .execute();

    for (const call of calls) {
      const contactIds = phones
        .filter((p) => p.e164 === call.external_number_e164)
        .map((p) => p.contact_id);

      if (contactIds.length === 0) continue;

      await trx
        .insertInto('call_contacts')
        .values(
          contactIds.map((contactId) => ({
            call_id: call.id,
            contact_id: contactId,
            owner_id: ownerId,
          })),
        )
        .onConflict((oc) => oc.columns(['call_id', 'contact_id']).doNothing())
        .execute();
      await trx
        .updateTable('calls')
        .set({ match: contactIds.length === 1 ? 'single' : 'ambiguous' })
        .where('id', '=', call.id)
        .execute();
    }

    return calls.length;
  });
}

/** After a contact is deleted, its calls say "unmatched" (or "single") again, not "ambiguous". */
export async function rematchCalls(db: Db, ownerId: string, callIds: string[]): Promise<void> {
  for (const callId of callIds) {
    const links = await db
      .selectFrom('call_contacts')
      .select('contact_id')
      .where('owner_id', '=', ownerId)
      .where('call_id', '=', callId)
      .execute();

    await db
      .updateTable('calls')
      .set({ match: links.length === 0 ? 'none' : links.length === 1 ? 'single' : 'ambiguous' })
      .where('owner_id', '=', ownerId)
      .where('id', '=', callId)
      .where('external_kind', '=', 'pstn')
      .execute();
  }
}

export async function callIdsLinkedTo(
  db: Db,
  ownerId: string,
  contactId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('call_contacts')
    .select('call_id')
    .where('owner_id', '=', ownerId)
    .where('contact_id', '=', contactId)
    .execute();

  return rows.map((row) => row.call_id);
}
