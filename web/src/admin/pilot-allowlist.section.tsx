// Which Zoom accounts may connect while the pilot runs. An empty list means the pilot is over,
// so removing the last address opens the app to everyone; that one removal asks first.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { PilotAllowlist } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { formatDateTime } from '../format/date-time.js';
import { ErrorNotice, Loading } from '../shell/notice.js';
import { addToPilot, fetchPilotAllowlist, removeFromPilot } from './admin.api.js';

export function PilotAllowlistSection() {
  const [allowlist, setAllowlist] = useState<PilotAllowlist | null>(null);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setAllowlist(await fetchPilotAllowlist());
  }, []);

  useEffect(() => {
    load().catch((caught: unknown) => setError(messageForError(caught)));
  }, [load]);

  async function change(work: () => Promise<void>) {
    setBusy(true);
    setError(null);

    try {
      await work();
      await load();
    } catch (caught) {
      setError(messageForError(caught));
    } finally {
      setBusy(false);
    }
  }

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void change(async () => {
      await addToPilot(email.trim());
      setEmail('');
    });
  }

  function remove(address: string) {
    const last = allowlist?.emails.length === 1;
    const question = `Remove ${address}? It is the last address: every Zoom account could connect.`;

    if (last && !window.confirm(question)) return;
    void change(() => removeFromPilot(address));
  }

  return (
    <section className="panel" aria-labelledby="pilot-title">
      <h2 id="pilot-title">Pilot allow list</h2>
      {allowlist === null && !error && <Loading what="the allow list" />}
      {allowlist?.pilotOpen && (
        <p className="notice notice-info">The pilot is over; every Zoom account may connect.</p>
      )}
      {allowlist && !allowlist.pilotOpen && (
        <p>Only these Zoom accounts may connect while the pilot runs:</p>
      )}
      {allowlist && allowlist.emails.length > 0 && (
        <ul className="allowlist">
          {allowlist.emails.map((entry) => (
            <li key={entry.email}>
              <span className="allowlist-email">{entry.email}</span>
              <span className="subtle">
                added {formatDateTime(entry.addedAt)}
                {entry.addedBy && ` by ${entry.addedBy}`}
              </span>
              <button
                type="button"
                className="button link-like"
                aria-label={`Remove ${entry.email}`}
                disabled={busy}
                onClick={() => remove(entry.email)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <ErrorNotice message={error} />}
      <form className="inline-form" onSubmit={add}>
        <label className="field inline grow">
          <span>Zoom account email</span>
          <input
            type="email"
            name="email"
            required
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          Add to allow list
        </button>
      </form>
    </section>
  );
}
