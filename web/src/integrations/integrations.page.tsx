import { type ReactNode, useEffect, useState } from 'react';
import type { ZoomCards, ZoomProduct } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { navigate } from '../router/router.js';
import { safeExternalUrl } from '../shell/external-url.js';
import { ErrorNotice, Loading, SuccessNotice } from '../shell/notice.js';
import { type CardAction, PRODUCT_NAME } from './card-state.js';
import { useVisiblePolling } from '../shell/use-visible-polling.js';
import { isImporting, HistoryImportStatus } from './history-import.js';
import {
  disconnectZoom,
  fetchZoomCards,
  importCallHistory,
  startZoomConnect,
} from './integrations.api.js';
import { oauthErrorText, type OAuthReturn, readOAuthReturn } from './oauth-return.js';
import { ZoomCard } from './zoom-card.js';

const PRODUCTS: ZoomProduct[] = ['meetings', 'phone'];

type Pending = { product: ZoomProduct; action: CardAction } | null;

export function IntegrationsPage() {
  // Read once: the query is dropped from the address bar so a reload does not repeat the notice.
  const [returned, setReturned] = useState<OAuthReturn | null>(() =>
    readOAuthReturn(new URLSearchParams(window.location.search)),
  );
  const [cards, setCards] = useState<ZoomCards | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [cardErrors, setCardErrors] = useState<Partial<Record<ZoomProduct, string>>>({});

  useEffect(() => {
    if (window.location.search !== '') navigate('/settings/integrations', { replace: true });

    fetchZoomCards()
      .then(setCards)
      .catch((caught: unknown) => setLoadError(messageForError(caught)));
  }, []);

  async function connect(product: ZoomProduct, action: CardAction) {
    setPending({ product, action });
    setCardErrors({});
    setReturned(null);

    try {
      const url = safeExternalUrl(await startZoomConnect(product));

      if (url === null) {
        throw new Error('The server returned an authorize URL that is not http(s).');
      }

      // Stay "Working…" while the browser leaves for Zoom's consent page.
      window.location.assign(url);
    } catch (caught) {
      setCardErrors({ [product]: messageForError(caught) });
      setPending(null);
    }
  }

  async function disconnect(product: ZoomProduct) {
    const name = PRODUCT_NAME[product];

    if (!window.confirm(`Disconnect ${name}? 1Thing will stop using it for your account.`)) return;
    setPending({ product, action: 'disconnect' });
    setCardErrors({});
    setReturned(null);

    try {
      setCards(await disconnectZoom(product));
    } catch (caught) {
      setCardErrors({ [product]: messageForError(caught) });
    } finally {
      setPending(null);
    }
  }

  // While past calls are being imported, the progress line keeps itself current.
  const importing = isImporting(cards?.phone.history);

  useVisiblePolling(
    async () => {
      if (importing) setCards(await fetchZoomCards());
    },
    2000,
    importing ? 'importing' : 'idle',
  );

  async function importAgain() {
    setCardErrors({});

    try {
      setCards(await importCallHistory());
    } catch (caught) {
      setCardErrors({ phone: messageForError(caught) });
    }
  }

  function act(product: ZoomProduct, action: CardAction) {
    void (action === 'disconnect' ? disconnect(product) : connect(product, action));
  }

  function returnNotice(product: ZoomProduct | null): ReactNode {
    if (returned === null || (returned.product ?? null) !== product) return null;

    if (returned.kind === 'connected') {
      return <SuccessNotice message={`${PRODUCT_NAME[returned.product]} is connected.`} />;
    }

    return (
      <ErrorNotice message={oauthErrorText(returned.code)}>
        {product && (
          <button
            type="button"
            className="button"
            disabled={pending !== null}
            onClick={() => void connect(product, 'connect')}
          >
            Try again
          </button>
        )}
      </ErrorNotice>
    );
  }

  return (
    <main className="page">
      <h1>Integrations</h1>
      <p className="subtle">
        Connect your own Zoom account. Meetings and Phone are separate: you can use one without the
        other.
      </p>
      {returnNotice(null)}
      {loadError && <ErrorNotice message={loadError} />}
      {cards === null && !loadError && <Loading what="your Zoom connections" />}
      {cards !== null && (
        <div className="cards">
          {PRODUCTS.map((product) => (
            <ZoomCard
              key={product}
              card={cards[product]}
              pending={pending?.product === product ? pending.action : null}
              onAction={(action) => act(product, action)}
            >
              {product === 'phone' && cards.phone.history && cards.phone.state === 'connected' && (
                <HistoryImportStatus
                  history={cards.phone.history}
                  busy={pending !== null}
                  onImportAgain={() => void importAgain()}
                />
              )}
              {returnNotice(product)}
              {cardErrors[product] && <ErrorNotice message={cardErrors[product]} />}
            </ZoomCard>
          ))}
        </div>
      )}
    </main>
  );
}
