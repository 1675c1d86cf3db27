// What each Zoom card says and offers in each state. The two products are separate cards because
// an agent may have one without the other (e.g. Meetings but no Zoom Phone licence).
import type { CardState, ZoomProduct } from '../api/api.types.js';

export const PRODUCT_NAME: Record<ZoomProduct, string> = {
  meetings: 'Zoom Meetings',
  phone: 'Zoom Phone',
};

export const PRODUCT_PURPOSE: Record<ZoomProduct, string> = {
  meetings: 'Create Zoom meetings from activities and attach their transcripts.',
  phone: 'Log Zoom Phone calls on the right contacts automatically.',
};

export function stateText(state: CardState, product: ZoomProduct): string {
  switch (state) {
    case 'not_connected':
      return 'Not connected';
    case 'connected':
      return 'Connected';
    case 'needs_reconnect':
      return "Reconnect needed — Zoom no longer accepts 1Thing's access";
    case 'not_licensed':
      return `This Zoom account has no ${PRODUCT_NAME[product]} licence`;
    case 'removed_in_zoom':
      return 'Removed in Zoom';
  }
}

export type CardAction = 'connect' | 'reconnect' | 'disconnect';

/**
 * The buttons a card shows. A missing licence or an uninstall in Zoom leaves nothing of ours to
 * disconnect, so those offer a fresh connect (after the licence is assigned, or to reinstall).
 */
export function cardActions(state: CardState): CardAction[] {
  switch (state) {
    case 'connected':
      return ['disconnect'];
    case 'needs_reconnect':
      return ['reconnect', 'disconnect'];
    case 'not_connected':
    case 'not_licensed':
    case 'removed_in_zoom':
      return ['connect'];
  }
}

const ACTION_VERB: Record<CardAction, string> = {
  connect: 'Connect',
  reconnect: 'Reconnect',
  disconnect: 'Disconnect',
};

/** The button's accessible name, e.g. "Disconnect Zoom Phone". */
export function actionLabel(action: CardAction, product: ZoomProduct): string {
  return `${ACTION_VERB[action]} ${PRODUCT_NAME[product]}`;
}
