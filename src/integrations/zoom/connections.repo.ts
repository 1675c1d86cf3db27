import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ProductState, ZoomConnectionsTable } from '../../db/db-types.js';
import { newId } from '../../lib/ids.js';

export type ZoomConnection = Selectable<ZoomConnectionsTable>;
export type ZoomProduct = 'meetings' | 'phone';

export const productColumn = {
  meetings: 'meetings_state',
  phone: 'phone_state',
} as const satisfies Record<ZoomProduct, keyof ZoomConnectionsTable>;

export function findConnectionByUser(db: Db, userId: string) {
  return db
    .selectFrom('zoom_connections')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function findConnectionById(db: Db, id: string) {
  return db.selectFrom('zoom_connections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The connection a webhook is about: its Zoom account and user, still holding tokens. */
export function findConnectionByZoomUser(db: Db, zoomAccountId: string, zoomUserId: string) {
  return db
    .selectFrom('zoom_connections')
    .selectAll()
    .where('zoom_account_id', '=', zoomAccountId)
    .where('zoom_user_id', '=', zoomUserId)
    .where('status', '=', 'connected')
    .orderBy('authorized_at', 'desc')
    .executeTakeFirst();
}

export interface NewAuthorization {
  userId: string;
  zoomUserId: string;
  zoomAccountId: string;
  zoomEmail: string;
  scopes: string[];
  accessTokenEnc: string;
  refreshTokenEnc: string;
  keyId: string;
  accessExpiresAt: number;
  product: ZoomProduct;
  productState: ProductState;
  phone?: { phoneUserId: string | null; numbers: string[]; extension: string | null };
  now: number;
}

/**
 * Stores a completed consent. One token set serves both cards (DESIGN.md §3): connecting the
 * second product replaces the tokens and turns that card on, leaving the other card as it was.
 */
export async function saveAuthorization(db: Db, auth: NewAuthorization): Promise<void> {
  const tokens = {
    zoom_user_id: auth.zoomUserId,
    zoom_account_id: auth.zoomAccountId,
    zoom_email: auth.zoomEmail,
    scopes: auth.scopes.join(' '),
    access_token_enc: auth.accessTokenEnc,
    refresh_token_enc: auth.refreshTokenEnc,
    key_id: auth.keyId,
    access_expires_at: auth.accessExpiresAt,
    refresh_lock_owner: null,
    refresh_lock_until: null,
    status: 'connected' as const,
    status_reason: null,
    authorized_at: auth.now,
    updated_at: auth.now,
    [productColumn[auth.product]]: auth.productState,
    ...(auth.phone && {
      phone_user_id: auth.phone.phoneUserId,
      phone_numbers: JSON.stringify(auth.phone.numbers),
      phone_extension: auth.phone.extension,
    }),
  };

  await db.transaction().execute(async (trx) => {
    const existing = await findConnectionByUser(trx, auth.userId);

    // A different Zoom user now backs this CRM user: the old card states no longer apply.
    const sameZoomUser = existing?.zoom_user_id === auth.zoomUserId;

    if (existing) {
      const otherProduct = auth.product === 'phone' ? 'meetings' : 'phone';
      const otherState = existing[productColumn[otherProduct]];
      // The other card keeps its state (connected, or "no Phone licence") for the same Zoom user.
      const keepOther = sameZoomUser && otherState !== 'removed_in_zoom';

      await trx
        .updateTable('zoom_connections')
        .set({
          ...tokens,
          token_version: existing.token_version + 1,
          [productColumn[otherProduct]]: keepOther ? otherState : 'not_connected',
          ...(sameZoomUser ? {} : { connected_at: auth.now }),
        })
        .where('id', '=', existing.id)
        .execute();

      return;
    }

    await trx
      .insertInto('zoom_connections')
      .values({
        id: newId(),
        user_id: auth.userId,
        meetings_state: 'not_connected',
        phone_state: 'not_connected',
        phone_numbers: '[]',
        token_version: 1,
        connected_at: auth.now,
        ...tokens,
      })
      .execute();
  });

  // Zoom keeps only the newest grant of a Zoom user (code 4741): another CRM user's
  // connection to the same Zoom user is dead from now on.
  await db
    .updateTable('zoom_connections')
    .set({
      status: 'needs_reconnect',
      status_reason: 'authorized_elsewhere',
      access_token_enc: null,
      refresh_token_enc: null,
      updated_at: auth.now,
    })
    .where('zoom_user_id', '=', auth.zoomUserId)
    .where('zoom_account_id', '=', auth.zoomAccountId)
    .where('user_id', '!=', auth.userId)
    .where('status', '=', 'connected')
    .execute();
}

/** The grant is gone at Zoom: drop the tokens, keep the row so the cards can say why. */
/**
 * Marks the grant dead, as seen at `seenVersion` of the tokens. Returns false when the row
 * moved on meanwhile (the agent connected again, or another process refreshed): a refusal of
 * the old tokens then says nothing about the new ones.
 */
export async function markNeedsReconnect(
  db: Db,
  connectionId: string,
  reason: string,
  now: number,
  seenVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('zoom_connections')
    .set({
      status: 'needs_reconnect',
      status_reason: reason,
      access_token_enc: null,
      refresh_token_enc: null,
      access_expires_at: null,
      refresh_lock_owner: null,
      refresh_lock_until: null,
      updated_at: now,
    })
    .where('id', '=', connectionId)
    .where('token_version', '=', seenVersion)
    // A connection already revoked (disconnected, or removed in Zoom) stays so: a refresh that
    // raced the removal must not turn it back into "reconnect needed".
    .where('status', '=', 'connected')
    .executeTakeFirst();

  return Number(result.numUpdatedRows) === 1;
}
