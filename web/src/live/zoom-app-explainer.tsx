// Shown before the first call from this device: the browser hands the number to the Zoom app,
// so the agent needs it installed here. Remembered per device (localStorage), not per account.
import { type MouseEvent, useEffect, useRef } from 'react';

const STORAGE_KEY = '1thing.zoom-call-explained';

export function zoomCallExplained(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export function rememberZoomCallExplained(): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, '1');
  } catch {
    // Private windows may refuse storage; the explanation then shows again next time.
  }
}

interface ExplainerProps {
  uri: string;
  who: string;
  onCall: (event: MouseEvent<HTMLAnchorElement>) => void;
  onClose: () => void;
}

export function ZoomAppExplainer({ uri, who, onCall, onClose }: ExplainerProps) {
  const callLink = useRef<HTMLAnchorElement>(null);
  const close = useRef(onClose);

  close.current = onClose;

  useEffect(() => {
    callLink.current?.focus();

    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };

    window.addEventListener('keydown', onKey);

    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="zoom-app-title">
        <h2 id="zoom-app-title">Calls are placed by the Zoom app</h2>
        <p>
          1Thing hands the number to Zoom, and the Zoom desktop or mobile app dials it. Install the
          Zoom app on this device and sign in with your Zoom Phone account first.
        </p>
        <p className="subtle">We only show this once on this device.</p>
        <div className="actions">
          <a
            ref={callLink}
            className="button primary"
            href={uri}
            onClick={(event) => {
              rememberZoomCallExplained();
              onCall(event);
            }}
          >
            Call {who}
          </a>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
