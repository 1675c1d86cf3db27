import './voicemail.css';
import { useCallback, useEffect, useState } from 'react';
import { messageForError } from '../api/error-messages.js';
import { formatDateTime } from '../format/date-time.js';
import { Link } from '../router/router.js';
import { engineText, statusText } from './voicemail-labels.js';
import { listVoicemails, retryVoicemail, type Voicemail } from './voicemail.api.js';

// A transcript should appear without a reload: Whisper usually answers within a minute.
const POLL_MS = 2000;

/** Voicemails with transcript, status and Retry: one contact's, or the whole book's. */
export function VoicemailSection({ contactId }: { contactId?: string }) {
  const [voicemails, setVoicemails] = useState<Voicemail[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setVoicemails(await listVoicemails(contactId, signal));
        setError(null);
      } catch (failure) {
        if (!signal?.aborted) setError(messageForError(failure));
      }
    },
    [contactId],
  );

  useEffect(() => {
    const controller = new AbortController();
    const timer = setInterval(() => void load(controller.signal), POLL_MS);

    void load(controller.signal);

    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [load]);

  async function retry(id: string) {
    try {
      await retryVoicemail(id);
      await load();
    } catch (failure) {
      setError(messageForError(failure));
    }
  }

  return (
    <section className="panel" aria-labelledby="voicemails-title" data-testid="voicemails">
      <h2 id="voicemails-title">Voicemails</h2>
      {error && <p role="alert">{error}</p>}
      {voicemails === null && !error && <p className="subtle">Loading voicemails…</p>}
      {voicemails?.length === 0 && <p className="subtle">No voicemails yet.</p>}
      <ul className="voicemail-list">
        {voicemails?.map((voicemail) => (
          <VoicemailRow key={voicemail.id} voicemail={voicemail} onRetry={retry} />
        ))}
      </ul>
    </section>
  );
}

function VoicemailRow(props: { voicemail: Voicemail; onRetry: (id: string) => void }) {
  const { voicemail, onRetry } = props;
  const from = voicemail.caller.name ?? voicemail.caller.number ?? 'Unknown caller';

  return (
    <li className="voicemail-row" data-testid="voicemail-row" data-status={voicemail.status}>
      <p>
        <strong>{from}</strong>
        {voicemail.caller.name && voicemail.caller.number && (
          <span className="subtle"> · {voicemail.caller.number}</span>
        )}
        {voicemail.contacts.map((contact) => (
          <span key={contact.id}>
            {' '}
            · <Link to={`/contacts/${contact.id}`}>{contact.name}</Link>
          </span>
        ))}{' '}
        <time className="subtle" dateTime={voicemail.receivedAt}>
          {formatDateTime(voicemail.receivedAt)}
        </time>
      </p>
      {voicemail.transcript && (
        <blockquote className="voicemail-transcript" data-testid="voicemail-transcript">
          <p>{voicemail.transcript.text}</p>
          <footer className="subtle">{engineText(voicemail.transcript.engine)}</footer>
        </blockquote>
      )}
      <p className="voicemail-status">
        <span data-testid="voicemail-status">{statusText(voicemail)}</span>
        {voicemail.failureReason && voicemail.status !== 'done' && (
          <span className="subtle"> · {voicemail.failureReason}</span>
        )}
        {voicemail.retryable && (
          <>
            {' '}
            <button type="button" onClick={() => onRetry(voicemail.id)}>
              Retry
            </button>
          </>
        )}
      </p>
    </li>
  );
}
