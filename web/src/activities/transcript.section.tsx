import { useEffect, useMemo, useState } from 'react';
import { messageForError } from '../api/error-messages.js';
import { ErrorNotice } from '../shell/notice.js';
import { getTranscript } from './activities.api.js';
import type { Transcript, TranscriptState } from './activities.types.js';
import { searchTurns } from './transcript-search.js';

interface TranscriptSectionProps {
  activityId: string;
  /** The meeting's transcript state; the text is loaded once it is ready (or partial). */
  state: TranscriptState | null;
}

/** The meeting's transcript as readable turns, with a search that narrows and marks them. */
export function TranscriptSection({ activityId, state }: TranscriptSectionProps) {
  const [transcript, setTranscript] = useState<Transcript | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const attached = state === 'ready' || state === 'partial';

  useEffect(() => {
    if (!attached) return;

    getTranscript(activityId)
      .then(setTranscript)
      .catch((caught: unknown) => setError(messageForError(caught)));
  }, [activityId, attached]);

  const shown = useMemo(() => searchTurns(transcript?.turns ?? [], query), [transcript, query]);

  if (!attached && !transcript) return null;

  return (
    <section
      className="panel transcript-section"
      aria-labelledby="transcript-title"
      data-testid="transcript"
    >
      <h2 id="transcript-title">Transcript</h2>
      {error && <ErrorNotice message={error} />}
      {transcript && (
        <>
          {transcript.status === 'partial' && (
            <p className="notice notice-info">
              Zoom’s file was cut short: this is the part that arrived.
            </p>
          )}
          <label className="field search">
            <span>Search the transcript</span>
            <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
          </label>
          {query.trim() !== '' && (
            <p className="subtle" role="status">
              {shown.length === 0
                ? 'No turn mentions that.'
                : `${shown.length} of ${transcript.turns.length} turns match.`}
            </p>
          )}
          <ol className="transcript-turns">
            {shown.map((turn) => (
              <li key={turn.index} className="transcript-turn" data-testid="transcript-turn">
                {turn.speaker && <strong className="speaker">{turn.speaker}: </strong>}
                {turn.pieces.map((piece, index) =>
                  piece.match ? (
                    <mark key={index}>{piece.text}</mark>
                  ) : (
                    <span key={index}>{piece.text}</span>
                  ),
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
