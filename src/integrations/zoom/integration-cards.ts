import type { Db } from '../../db/database.js';
import { historyImportProgress, type HistoryImport } from './backfill/backfill-progress.js';
import { formatPhone } from '../../crm/phone-number.js';
import {
  findConnectionByUser,
  productColumn,
  type ZoomConnection,
  type ZoomProduct,
} from './connections.repo.js';

export type CardState =
  'not_connected' | 'connected' | 'needs_reconnect' | 'not_licensed' | 'removed_in_zoom';

export interface IntegrationCard {
  product: ZoomProduct;
  state: CardState;
  zoomEmail: string | null;
  connectedAt: string | null;
  phoneNumber: string | null;
  message: string | null;
  /** Phone only: the call-history import, as the card shows it. */
  history?: HistoryImport | null;
}

const messages: Partial<Record<CardState, string>> = {
  needs_reconnect: 'Zoom no longer accepts 1Thing’s access. Reconnect to resume.',
  not_licensed: 'This Zoom account has no Zoom Phone licence.',
  removed_in_zoom: 'The 1Thing app was removed in the Zoom App Marketplace.',
};

function cardFor(
  connection: ZoomConnection | undefined,
  product: ZoomProduct,
  region: string,
): IntegrationCard {
  const productState = connection?.[productColumn[product]] ?? 'not_connected';
  const state: CardState =
    productState === 'connected' && connection?.status === 'needs_reconnect'
      ? 'needs_reconnect'
      : productState;
  const shown = state !== 'not_connected';
  const numbers: string[] = connection ? JSON.parse(connection.phone_numbers) : [];
  const firstNumber = numbers[0];

  return {
    product,
    state,
    zoomEmail: shown ? (connection?.zoom_email ?? null) : null,
    connectedAt: shown && connection ? new Date(connection.connected_at).toISOString() : null,
    phoneNumber:
      product === 'phone' && state === 'connected' && firstNumber
        ? formatPhone(firstNumber, region)
        : null,
    message: messageFor(state, connection?.status_reason ?? null),
  };
}

function messageFor(state: CardState, reason: string | null): string | null {
  if (state === 'not_connected' && reason === 'revoke_pending') {
    return 'Disconnected. Zoom did not answer, so 1Thing deleted its tokens and keeps telling Zoom to revoke them.';
  }

  // Zoom keeps one grant per Zoom user: another 1Thing user approving the same Zoom account
  // ends this one, and the agent (or their broker) should know that is what happened.
  if (state === 'needs_reconnect' && reason === 'authorized_elsewhere') {
    return 'Another 1Thing user connected this Zoom account, so this connection ended. Reconnect to take it back, or ask your broker.';
  }

  return messages[state] ?? null;
}

export async function integrationCards(db: Db, userId: string, region: string, now: number) {
  const connection = await findConnectionByUser(db, userId);
  const phone = cardFor(connection, 'phone', region);

  return {
    meetings: cardFor(connection, 'meetings', region),
    phone: { ...phone, history: await historyImportProgress(db, userId, now) },
  };
}
