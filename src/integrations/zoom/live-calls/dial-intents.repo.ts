import type { Db } from '../../../db/database.js';
import { newId } from '../../../lib/ids.js';
import { dialIntentAfterMs, dialIntentBeforeMs } from './live-call-rules.js';

// Intents are kept after use, small rows that show support which click a call was tied to.
// Unbound ones stop mattering once the window below has passed; if the table ever grows large,
// deleting rows older than a day beside the realtime purge (event-publisher.ts) is enough.

export interface DialIntent {
  id: string;
  contactId: string | null;
  e164: string;
}

/** A click on a Call button: who clicked, for which contact, which number, when. */
export async function recordDialIntent(
  db: Db,
  intent: { userId: string; contactId: string | null; e164: string; now: number },
): Promise<string> {
  const id = newId();

  await db
    .insertInto('dial_intents')
    .values({
      id,
      user_id: intent.userId,
      contact_id: intent.contactId,
      e164: intent.e164,
      created_at: intent.now,
    })
    .execute();

  return id;
}

function boundIntent(db: Db, ownerId: string, callId: string) {
  return db
    .selectFrom('dial_intents')
    .select(['id', 'contact_id', 'e164'])
    .where('user_id', '=', ownerId)
    .where('call_id', '=', callId)
    .executeTakeFirst();
}

/**
 * The dial intent behind an outbound call: the one already bound to it, or else the agent's
 * newest unbound click on the same number around the call's start, bound now. Binding is a
 * compare-and-swap, so two events of one call processed at once agree on the same intent and
 * one click never claims two calls.
 */
export async function bindDialIntent(
  db: Db,
  call: { ownerId: string; callId: string; e164: string; startedAt: number },
): Promise<DialIntent | undefined> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const bound = await boundIntent(db, call.ownerId, call.callId);

    if (bound) return { id: bound.id, contactId: bound.contact_id, e164: bound.e164 };

    const candidate = await db
      .selectFrom('dial_intents')
      .select('id')
      .where('user_id', '=', call.ownerId)
      .where('e164', '=', call.e164)
      .where('call_id', 'is', null)
      .where('created_at', '>=', call.startedAt - dialIntentBeforeMs)
      .where('created_at', '<=', call.startedAt + dialIntentAfterMs)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();

    if (!candidate) return undefined;

    await db
      .updateTable('dial_intents')
      .set({ call_id: call.callId })
      .where('id', '=', candidate.id)
      .where('call_id', 'is', null)
      .execute();
  }

  return undefined;
}
