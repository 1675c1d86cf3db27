import { useCallback, useEffect, useState } from 'react';
import { messageForError } from '../api/error-messages.js';
import { formatInZone } from '../format/zoned-time.js';
import { ErrorNotice, SuccessNotice } from '../shell/notice.js';
import { createMeeting, getMeeting, removeMeeting, startUrl } from './activities.api.js';
import type { Activity, ZoomMeeting } from './activities.types.js';
import {
  MEETING_ERROR_MESSAGES,
  meetingInFlux,
  meetingLine,
  recordingLine,
  transcriptLine,
} from './meeting-status.js';

// While a meeting is being made or its transcript is on its way, look again this often.
const POLL_MS = 2000;

interface MeetingSectionProps {
  activity: Activity;
  /** Called whenever the meeting's state changes, so the transcript view can follow. */
  onMeeting: (meeting: ZoomMeeting | null) => void;
}

/** The activity's Meeting section: create, join link and copy, start as host, status. */
export function MeetingSection({ activity, onMeeting }: MeetingSectionProps) {
  const [meeting, setMeeting] = useState<ZoomMeeting | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const load = useCallback(async () => {
    try {
      const found = await getMeeting(activity.id);

      setMeeting(found);
      onMeeting(found);
    } catch (caught) {
      setError(messageForError(caught, MEETING_ERROR_MESSAGES));
    }
  }, [activity.id, onMeeting]);

  useEffect(() => {
    void load();
  }, [load, activity.updatedAt]);

  useEffect(() => {
    if (!meetingInFlux(meeting ?? null)) return undefined;

    const timer = window.setTimeout(() => void load(), POLL_MS);

    return () => window.clearTimeout(timer);
  }, [meeting, load]);

  async function act(step: () => Promise<unknown>) {
    setBusy(true);
    setError(null);

    try {
      await step();
    } catch (caught) {
      setError(messageForError(caught, MEETING_ERROR_MESSAGES));
    } finally {
      setBusy(false);
      await load();
    }
  }

  async function startAsHost() {
    // Opened before the request so that the browser counts it as the click's own window.
    const tab = window.open('about:blank', '_blank');

    try {
      const url = await startUrl(activity.id);

      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else {
        window.location.href = url;
      }
    } catch (caught) {
      tab?.close();
      setError(messageForError(caught, MEETING_ERROR_MESSAGES));
    }
  }

  async function copyLink(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setError('The browser did not allow copying. Select the link and copy it by hand.');
    }
  }

  const line = meeting ? meetingLine(meeting) : null;

  return (
    <section
      className="panel meeting-section"
      aria-labelledby="meeting-title"
      data-testid="meeting-section"
    >
      <h2 id="meeting-title">Zoom meeting</h2>
      {meeting === undefined && <p className="loading">Loading…</p>}
      {meeting === null && (
        <>
          <p className="subtle">
            {activity.startsAt
              ? 'Create a Zoom meeting for this activity; the join link and, after the meeting, its transcript come here.'
              : 'Give the activity a future date and time to create a Zoom meeting for it.'}
          </p>
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={() => void act(() => createMeeting(activity.id))}
          >
            {busy ? 'Creating…' : 'Create Zoom meeting'}
          </button>
        </>
      )}
      {meeting && (
        <>
          {meeting.state === 'created' && meeting.joinUrl && (
            <dl className="details">
              <dt>Join link</dt>
              <dd className="join-link">
                <a href={meeting.joinUrl} target="_blank" rel="noreferrer" data-testid="join-link">
                  {meeting.joinUrl}
                </a>{' '}
                <button
                  type="button"
                  className="button"
                  onClick={() => void copyLink(meeting.joinUrl ?? '')}
                >
                  {copied ? 'Copied' : 'Copy link'}
                </button>
              </dd>
              {meeting.passcode && (
                <>
                  <dt>Passcode</dt>
                  <dd>{meeting.passcode}</dd>
                </>
              )}
              {meeting.startTime && (
                <>
                  <dt>At Zoom</dt>
                  <dd>
                    {formatInZone(meeting.startTime, activity.timeZone ?? meeting.timeZone)}
                    {(activity.timeZone ?? meeting.timeZone) &&
                      ` (${activity.timeZone ?? meeting.timeZone})`}
                  </dd>
                </>
              )}
            </dl>
          )}
          {line && (
            <p className="meeting-line" data-testid="meeting-line">
              {line}
            </p>
          )}
          {meeting.problem && meeting.problem.fields.length > 0 && (
            <ul className="field-problems" aria-label="What Zoom did not accept">
              {meeting.problem.fields.map((problem) => (
                <li key={`${problem.field}:${problem.message}`}>
                  <code>{problem.field}</code>: {problem.message}
                </li>
              ))}
            </ul>
          )}
          {meeting.state === 'created' && (
            <ul className="status-lines">
              <li>{recordingLine(meeting)}</li>
              <li data-testid="transcript-status">{transcriptLine(meeting)}</li>
            </ul>
          )}
          <div className="actions">
            {meeting.state === 'created' && (
              <button type="button" className="button primary" onClick={() => void startAsHost()}>
                Start as host
              </button>
            )}
            {meeting.state === 'failed' && (
              <button
                type="button"
                className="button primary"
                disabled={busy}
                onClick={() => void act(() => createMeeting(activity.id))}
              >
                Try again
              </button>
            )}
            {['created', 'limited', 'failed'].includes(meeting.state) && (
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() => {
                  if (window.confirm('Remove the Zoom meeting? It is deleted in Zoom too.')) {
                    void act(() => removeMeeting(activity.id));
                  }
                }}
              >
                Remove meeting
              </button>
            )}
          </div>
        </>
      )}
      {copied && <SuccessNotice message="Join link copied." />}
      {error && <ErrorNotice message={error} />}
    </section>
  );
}
