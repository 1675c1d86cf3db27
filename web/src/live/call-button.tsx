// A Call button: a real `zoomphonecall://+1…` link, so the Zoom app dials the number (API.md
// §7), which also records the click as a dial intent so the call is logged on this contact.
import { type MouseEvent, useState } from 'react';
import { messageForError } from '../api/error-messages.js';
import { dialTarget } from './dial-target.js';
import { recordDialIntent } from './live-calls.api.js';
import { ZoomAppExplainer, zoomCallExplained } from './zoom-app-explainer.js';

interface CallButtonProps {
  /** Null when there is nothing to call (a hidden caller, a colleague): no button at all. */
  number: { e164: string | null; extension?: string | null } | null;
  /** How the number reads to the agent, for the button's accessible name. */
  display: string;
  contactId?: string | null;
  /** The missed call whose "Call back" item this button answers. */
  callBackOf?: string | null;
  label?: string;
}

const DIAL_MESSAGES = { NUMBER_NOT_DIALABLE: 'Zoom cannot dial this number.' };

export function CallButton({ number, display, contactId, callBackOf, label }: CallButtonProps) {
  const [explaining, setExplaining] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (number === null) return null;

  const target = dialTarget(number);

  if (!target.dialable) {
    return (
      <span className="undialable" data-testid="undialable">
        {target.reason}
      </span>
    );
  }

  // The browser goes on to open the link; the intent only has to reach the server before
  // Zoom's first webhook for the call does, which takes the Zoom app far longer.
  const record = () => {
    setError(null);
    recordDialIntent({ number: target.e164, contactId, callBackOf }).catch((caught: unknown) =>
      setError(messageForError(caught, DIAL_MESSAGES)),
    );
  };

  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!zoomCallExplained()) {
      event.preventDefault();
      setExplaining(true);

      return;
    }

    record();
  };

  return (
    <span className="call-action">
      <a
        className="button call-button"
        href={target.uri}
        onClick={onClick}
        aria-label={`${label ?? 'Call'} ${display}`}
        data-testid="call-button"
      >
        {label ?? 'Call'}
      </a>
      {target.extension && <small className="subtle"> then ext. {target.extension}</small>}
      {error && (
        <small className="call-error" role="alert">
          {' '}
          {error}
        </small>
      )}
      {explaining && (
        <ZoomAppExplainer
          uri={target.uri}
          who={display}
          onCall={() => {
            setExplaining(false);
            record();
          }}
          onClose={() => setExplaining(false)}
        />
      )}
    </span>
  );
}
