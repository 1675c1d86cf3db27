import { useEffect, useState } from 'react';
import type { Contact } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { listContacts } from '../contacts/contacts.api.js';
import { formatInZone } from '../format/zoned-time.js';
import { Link, navigate } from '../router/router.js';
import { ErrorNotice, Loading } from '../shell/notice.js';
import './activities.css';
import { createActivity, listActivities, listMeetings } from './activities.api.js';
import type { Activity, ActivityInput, ZoomMeeting } from './activities.types.js';
import { ActivityForm } from './activity-form.js';

/** Activities, upcoming first, with their Zoom meeting's state; and the form for a new one. */
export function ActivitiesPage() {
  const [activities, setActivities] = useState<Activity[] | null>(null);
  const [meetings, setMeetings] = useState<Map<string, ZoomMeeting>>(new Map());
  const [contacts, setContacts] = useState<Map<string, Contact>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    Promise.all([listActivities(), listMeetings(), listContacts('')])
      .then(([found, meetingList, contactList]) => {
        setActivities(found);
        setMeetings(new Map(meetingList.map((meeting) => [meeting.activityId ?? '', meeting])));
        setContacts(new Map(contactList.map((contact) => [contact.id, contact])));
      })
      .catch((caught: unknown) => setError(messageForError(caught)));
  }, []);

  async function create(input: ActivityInput) {
    const activity = await createActivity(input);

    navigate(`/activities/${encodeURIComponent(activity.id)}`);
  }

  const now = Date.now();
  const upcoming = (activities ?? [])
    .filter((activity) => activity.startsAt !== null && Date.parse(activity.startsAt) >= now)
    .sort((a, b) => Date.parse(a.startsAt ?? '') - Date.parse(b.startsAt ?? ''));
  const rest = (activities ?? []).filter((activity) => !upcoming.includes(activity));

  return (
    <main className="page">
      <div className="page-head">
        <h1>Activities</h1>
        {!adding && (
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            New activity
          </button>
        )}
      </div>
      {adding && (
        <section className="panel" aria-label="New activity">
          <h2>New activity</h2>
          <ActivityForm
            submitLabel="Save activity"
            onSubmit={create}
            onCancel={() => setAdding(false)}
          />
        </section>
      )}
      {error && <ErrorNotice message={error} />}
      {activities === null && !error && <Loading what="activities" />}
      {activities !== null && (
        <>
          <ActivityList
            title="Upcoming"
            activities={upcoming}
            meetings={meetings}
            contacts={contacts}
            empty="Nothing planned. A future showing or consultation can get a Zoom meeting."
          />
          <ActivityList
            title="Past and undated"
            activities={rest}
            meetings={meetings}
            contacts={contacts}
            empty="None."
          />
        </>
      )}
    </main>
  );
}

interface ListProps {
  title: string;
  activities: Activity[];
  meetings: Map<string, ZoomMeeting>;
  contacts: Map<string, Contact>;
  empty: string;
}

function ActivityList({ title, activities, meetings, contacts, empty }: ListProps) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {activities.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="activity-list">
          {activities.map((activity) => {
            const meeting = meetings.get(activity.id);
            const contact = activity.contactId ? contacts.get(activity.contactId) : undefined;

            return (
              <li key={activity.id} className="activity-item" data-testid="activity-item">
                <Link
                  to={`/activities/${encodeURIComponent(activity.id)}`}
                  className="activity-link"
                >
                  {activity.title}
                </Link>
                <span className="subtle">
                  {activity.startsAt
                    ? formatInZone(activity.startsAt, activity.timeZone)
                    : 'No date'}
                  {activity.timeZone && ` (${activity.timeZone})`}
                </span>
                {contact && <span className="subtle">{contact.name}</span>}
                {meeting && (
                  <span className="badge badge-meeting">
                    Zoom: {meeting.transcript.state === 'ready' ? 'transcript' : meeting.state}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
