// Support's first question when calls are not logging: is Zoom reaching us at all? These lines
// answer it from what the webhook endpoint last saw.
import { useCallback, useEffect, useState } from 'react';
import type { AdminStatus } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { formatOptionalTime } from '../format/date-time.js';
import { ErrorNotice, Loading } from '../shell/notice.js';
import { fetchAdminStatus } from './admin.api.js';

export function WebhookStatusSection() {
  const [status, setStatus] = useState<AdminStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setBusy(true);

    try {
      setStatus(await fetchAdminStatus());
      setError(null);
    } catch (caught) {
      setError(messageForError(caught));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="panel" aria-labelledby="webhook-status-title">
      <div className="page-head">
        <h2 id="webhook-status-title">Zoom webhooks</h2>
        <button type="button" className="button" disabled={busy} onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {error && <ErrorNotice message={error} />}
      {status === null && !error && <Loading what="webhook status" />}
      {status && <StatusLines status={status} />}
    </section>
  );
}

function StatusLines({ status }: { status: AdminStatus }) {
  const { webhooks, inbox } = status;

  return (
    <ul className="status-lines">
      <li data-testid="webhook-last-validation">
        Zoom last validated the webhook endpoint:{' '}
        <strong>{formatOptionalTime(webhooks.lastUrlValidationAt)}</strong>
      </li>
      <li data-testid="webhook-last-event">
        Last verified event: <strong>{formatOptionalTime(webhooks.lastVerifiedEventAt)}</strong>
      </li>
      <li data-testid="webhook-last-rejected">
        Last rejected delivery: <strong>{formatOptionalTime(webhooks.lastRejectedAt)}</strong>
        {webhooks.lastRejectedReason && (
          <span className="subtle"> ({webhooks.lastRejectedReason})</span>
        )}
      </li>
      <li>
        Events waiting to be processed: <strong>{inbox.pending}</strong>; failed:{' '}
        <strong>{inbox.failed}</strong>
      </li>
      <li>
        Demo mode: <strong>{status.demoMode ? 'on (Zoom is simulated)' : 'off'}</strong>
      </li>
    </ul>
  );
}
