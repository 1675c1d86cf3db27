// The active-call banner: who, which way, a live timer, a link to the contact, and End call.
import { useState } from 'react';
import { ApiError } from '../api/api-client.js';
import { messageForError } from '../api/error-messages.js';
import { directionIcon, directionText } from '../calls/call-labels.js';
import { Link } from '../router/router.js';
import type { LiveCallView } from './live-call.types.js';
import { endCall } from './live-calls.api.js';
import { bannerAnnouncement, bannerText } from './live-labels.js';
import { useNow } from './use-now.js';

const END_MESSAGES = {
  CALL_NOT_ACTIVE: 'This call has already ended.',
  ZOOM_UNAVAILABLE: 'Zoom did not answer. Try End call again, or hang up in the Zoom app.',
};

interface CallBannerProps {
  views: LiveCallView[];
  onView: (view: LiveCallView) => void;
  onHide: (callId: string) => void;
}

export function CallBanner({ views, onView, onHide }: CallBannerProps) {
  const now = useNow(views.some((view) => view.phase !== 'ended'));

  if (views.length === 0) return null;

  return (
    <div className="call-banners">
      {views.map((view) => (
        <BannerRow key={view.call.id} view={view} now={now} onView={onView} onHide={onHide} />
      ))}
    </div>
  );
}

function BannerRow({
  view,
  now,
  onView,
  onHide,
}: {
  view: LiveCallView;
  now: number;
  onView: (view: LiveCallView) => void;
  onHide: (callId: string) => void;
}) {
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { call } = view;

  async function end() {
    setEnding(true);
    setError(null);

    try {
      onView(await endCall(call.id));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'CALL_END_REFUSED') {
        onView({ ...view, phase: 'refused', canEnd: false });
      } else {
        setError(messageForError(caught, END_MESSAGES));
      }
    } finally {
      setEnding(false);
    }
  }

  return (
    <section
      className={`call-banner phase-${view.phase}`}
      aria-label="Active call"
      data-testid="call-banner"
      data-phase={view.phase}
    >
      <span className={`call-direction ${call.direction}`}>
        <span className="call-icon" aria-hidden="true">
          {directionIcon(call.direction)}
        </span>{' '}
        {directionText(call.direction)}
      </span>
      <span className="call-banner-text" aria-hidden="true">
        {bannerText(view, now)}
      </span>
      <span className="visually-hidden" role="status">
        {bannerAnnouncement(view)}
      </span>
      <span className="actions">
        {call.contacts.map((contact) => (
          <Link key={contact.id} to={`/contacts/${encodeURIComponent(contact.id)}`}>
            {call.contacts.length > 1 ? `Open ${contact.name}` : 'Open contact'}
          </Link>
        ))}
        {view.canEnd && (
          <button
            type="button"
            className="button danger"
            disabled={ending}
            onClick={() => void end()}
          >
            {ending ? 'Ending…' : 'End call'}
          </button>
        )}
        {(view.phase === 'ended' || view.phase === 'refused') && (
          <button
            type="button"
            className="button link-like"
            aria-label="Close the call banner"
            onClick={() => onHide(call.id)}
          >
            Close
          </button>
        )}
      </span>
      {error && (
        <span className="call-error" role="alert">
          {error}
        </span>
      )}
    </section>
  );
}
