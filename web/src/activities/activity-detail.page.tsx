import { useCallback, useEffect, useState } from 'react';
import type { Contact } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { getContact } from '../contacts/contacts.api.js';
import { formatInZone } from '../format/zoned-time.js';
import { Link, navigate } from '../router/router.js';
import { ErrorNotice, Loading } from '../shell/notice.js';
import './activities.css';
import { deleteActivity, getActivity, updateActivity } from './activities.api.js';
import type { Activity, ActivityInput, ZoomMeeting } from './activities.types.js';
import { ActivityForm } from './activity-form.js';
import { MeetingSection } from './meeting.section.js';
import { TranscriptSection } from './transcript.section.js';

const ACTIVITY_MESSAGES = { NOT_FOUND: 'Activity not found' };

export function ActivityDetailPage({ id }: { id: string }) {
  const [activity, setActivity] = useState<Activity | null>(null);
  const [contact, setContact] = useState<Contact | null>(null);
  const [meeting, setMeeting] = useState<ZoomMeeting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    getActivity(id)
      .then(setActivity)
      .catch((caught: unknown) => setError(messageForError(caught, ACTIVITY_MESSAGES)));
  }, [id]);

  useEffect(() => {
    if (!activity?.contactId) {
      setContact(null);

      return;
    }

    getContact(activity.contactId)
      .then(setContact)
      .catch(() => setContact(null));
  }, [activity?.contactId]);

  const onMeeting = useCallback((found: ZoomMeeting | null) => setMeeting(found), []);

  async function save(input: ActivityInput) {
    setActivity(await updateActivity(id, input));
    setEditing(false);
  }

  async function remove() {
    const warning = meeting ? ' Its Zoom meeting is deleted in Zoom too.' : '';

    if (!window.confirm(`Delete this activity?${warning}`)) return;

    try {
      await deleteActivity(id);
      navigate('/activities');
    } catch (caught) {
      setError(messageForError(caught, ACTIVITY_MESSAGES));
    }
  }

  if (error && !activity) {
    return (
      <main className="page">
        <ErrorNotice message={error} />
        <p>
          <Link to="/activities">Back to activities</Link>
        </p>
      </main>
    );
  }

  if (!activity) {
    return (
      <main className="page">
        <Loading what="activity" />
      </main>
    );
  }

  return (
    <main className="page">
      <p className="breadcrumb">
        <Link to="/activities">← Activities</Link>
      </p>
      <div className="page-head">
        <h1 data-testid="activity-title">{activity.title}</h1>
        {!editing && (
          <div className="actions">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="button danger" onClick={() => void remove()}>
              Delete
            </button>
          </div>
        )}
      </div>
      {error && <ErrorNotice message={error} />}
      {editing ? (
        <section className="panel" aria-label="Edit activity">
          <h2>Edit activity</h2>
          <ActivityForm
            editing={activity}
            submitLabel="Save changes"
            onSubmit={save}
            onCancel={() => setEditing(false)}
          />
        </section>
      ) : (
        <section className="panel" aria-label="Activity details">
          <dl className="details">
            <dt>When</dt>
            <dd data-testid="activity-when">
              {activity.startsAt
                ? formatInZone(activity.startsAt, activity.timeZone)
                : 'No date yet'}
              {activity.timeZone && ` (${activity.timeZone})`}
            </dd>
            <dt>Length</dt>
            <dd>{activity.durationMinutes ? `${activity.durationMinutes} minutes` : '—'}</dd>
            <dt>Contact</dt>
            <dd>
              {contact ? (
                <Link to={`/contacts/${encodeURIComponent(contact.id)}`}>{contact.name}</Link>
              ) : (
                <span className="subtle">None</span>
              )}
            </dd>
            {activity.notes && (
              <>
                <dt>Notes</dt>
                <dd className="notes">{activity.notes}</dd>
              </>
            )}
          </dl>
        </section>
      )}
      <MeetingSection activity={activity} onMeeting={onMeeting} />
      <TranscriptSection activityId={activity.id} state={meeting?.transcript.state ?? null} />
    </main>
  );
}
