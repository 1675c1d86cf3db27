import type { ReactNode } from 'react';
import type { ZoomCard as Card } from '../api/api.types.js';
import { formatDateTime } from '../format/date-time.js';
import {
  actionLabel,
  type CardAction,
  cardActions,
  PRODUCT_NAME,
  PRODUCT_PURPOSE,
  stateText,
} from './card-state.js';

interface ZoomCardProps {
  card: Card;
  /** The action in flight on this card, so its button can say so and the others wait. */
  pending: CardAction | null;
  onAction: (action: CardAction) => void;
  /** Notices about this card (the result of a connect, a failed disconnect). */
  children?: ReactNode;
}

export function ZoomCard({ card, pending, onAction, children }: ZoomCardProps) {
  const name = PRODUCT_NAME[card.product];

  return (
    <section
      className={`card state-${card.state}`}
      data-testid={`card-${card.product}`}
      aria-labelledby={`card-${card.product}-title`}
    >
      <h2 id={`card-${card.product}-title`}>{name}</h2>
      <p className="subtle">{PRODUCT_PURPOSE[card.product]}</p>
      <p className="card-state">{stateText(card.state, card.product)}</p>
      <dl className="details">
        {card.zoomEmail && (
          <>
            <dt>Zoom account</dt>
            <dd>{card.zoomEmail}</dd>
          </>
        )}
        {card.phoneNumber && (
          <>
            <dt>Phone number</dt>
            <dd>{card.phoneNumber}</dd>
          </>
        )}
        {card.connectedAt && card.state === 'connected' && (
          <>
            <dt>Connected</dt>
            <dd>{formatDateTime(card.connectedAt)}</dd>
          </>
        )}
      </dl>
      {card.message && <p className="card-message">{card.message}</p>}
      {children}
      <div className="actions">
        {cardActions(card.state).map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'disconnect' ? 'button danger' : 'button primary'}
            aria-label={actionLabel(action, card.product)}
            disabled={pending !== null}
            onClick={() => onAction(action)}
          >
            {pending === action ? 'Working…' : actionLabel(action, card.product)}
          </button>
        ))}
      </div>
    </section>
  );
}
