// Missed calls waiting for a call back: each with a Call back button (a Call button that also
// closes the item) and Dismiss.
import { useState } from 'react';
import { messageForError } from '../api/error-messages.js';
import { formatDateTime } from '../format/date-time.js';
import { CallButton } from './call-button.js';
import type { LiveCallView } from './live-call.types.js';
import { dismissCallBack } from './live-calls.api.js';
import { partyName } from './live-labels.js';

interface CallBacksProps {
  views: LiveCallView[];
  onView: (view: LiveCallView) => void;
}

export function CallBacks({ views, onView }: CallBacksProps) {
  const [error, setError] = useState<string | null>(null);

  if (views.length === 0) return null;

  async function dismiss(view: LiveCallView) {
    setError(null);

    try {
      await dismissCallBack(view.call.id);
      onView({ ...view, callBack: null });
    } catch (caught) {
      setError(messageForError(caught));
    }
  }

  return (
    <section className="call-backs" aria-labelledby="call-backs-title" data-testid="call-backs">
      <h2 id="call-backs-title">Missed calls</h2>
      <ul>
        {views.map((view) => {
          const who = partyName(view.call);

          return (
            <li key={view.call.id} data-testid="call-back-item">
              <span>
                <strong>{who}</strong>
                {view.call.contacts.length > 0 && view.call.externalNumberDisplay && (
                  <span className="subtle"> · {view.call.externalNumberDisplay}</span>
                )}{' '}
                <time className="subtle" dateTime={view.call.startedAt}>
                  {formatDateTime(view.call.startedAt)}
                </time>
              </span>
              <span className="actions">
                <CallButton
                  number={{ e164: view.call.externalNumber }}
                  display={who}
                  contactId={view.call.contacts.length === 1 ? view.call.contacts[0]?.id : null}
                  callBackOf={view.call.id}
                  label="Call back"
                />
                <button
                  type="button"
                  className="button link-like"
                  onClick={() => void dismiss(view)}
                >
                  Dismiss
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="call-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
