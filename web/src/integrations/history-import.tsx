import type { HistoryImport } from '../api/api.types.js';

interface HistoryImportProps {
  history: HistoryImport;
  busy: boolean;
  onImportAgain: () => void;
}

const running = (state: HistoryImport['state']) => state === 'importing' || state === 'paused';

/** The Phone card's line about importing past calls, with a way to run it again when it ended. */
export function HistoryImportStatus({ history, busy, onImportAgain }: HistoryImportProps) {
  return (
    <div className={`history-import state-${history.state}`} data-testid="history-import">
      <p aria-live="polite">{history.text}</p>
      {!running(history.state) && (
        <button type="button" className="button" disabled={busy} onClick={onImportAgain}>
          Import call history again
        </button>
      )}
    </div>
  );
}

export function isImporting(history: HistoryImport | null | undefined): boolean {
  return history ? running(history.state) : false;
}
