import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { Contact } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { listContacts } from '../contacts/contacts.api.js';
import { browserTimeZone, knownTimeZones } from '../format/zoned-time.js';
import { ErrorNotice } from '../shell/notice.js';
import {
  ACTIVITY_KINDS,
  type Activity,
  type ActivityInput,
  type ActivityKind,
} from './activities.types.js';
import {
  activityInput,
  type ActivityDraft,
  draftFromActivity,
  emptyActivityDraft,
} from './activity-draft.js';

const KIND_TEXT: Record<ActivityKind, string> = {
  showing: 'Showing',
  consultation: 'Consultation',
  call: 'Call',
  meeting: 'Meeting',
  task: 'Task',
  note: 'Note',
};

interface ActivityFormProps {
  editing?: Activity;
  submitLabel: string;
  onSubmit: (input: ActivityInput) => Promise<void>;
  onCancel: () => void;
}

/** Kind, title, contact, a date and clock time in a chosen time zone, length and notes. */
export function ActivityForm({ editing, submitLabel, onSubmit, onCancel }: ActivityFormProps) {
  const ownZone = useMemo(browserTimeZone, []);
  const zones = useMemo(knownTimeZones, []);
  const [draft, setDraft] = useState<ActivityDraft>(() =>
    editing ? draftFromActivity(editing, ownZone) : emptyActivityDraft(ownZone),
  );
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listContacts('')
      .then(setContacts)
      .catch(() => setContacts([]));
  }, []);

  const set = (change: Partial<ActivityDraft>) =>
    setDraft((current) => ({ ...current, ...change }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();

    const result = activityInput(draft);

    if (!result.ok) {
      setError(result.message);

      return;
    }

    setBusy(true);
    setError(null);

    try {
      await onSubmit(result.input);
    } catch (caught) {
      setError(messageForError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form activity-form" onSubmit={(event) => void submit(event)}>
      <div className="form-row">
        <label className="field">
          <span>Kind</span>
          <select
            value={draft.kind}
            onChange={(event) => set({ kind: event.target.value as ActivityKind })}
          >
            {ACTIVITY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_TEXT[kind]}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>Title</span>
          <input
            name="title"
            required
            autoComplete="off"
            value={draft.title}
            onChange={(event) => set({ title: event.target.value })}
          />
        </label>
      </div>
      <label className="field">
        <span>Contact</span>
        <select
          value={draft.contactId}
          onChange={(event) => set({ contactId: event.target.value })}
        >
          <option value="">No contact</option>
          {contacts.map((contact) => (
            <option key={contact.id} value={contact.id}>
              {contact.name}
            </option>
          ))}
        </select>
      </label>
      <div className="form-row">
        <label className="field">
          <span>Date</span>
          <input
            type="date"
            value={draft.date}
            onChange={(event) => set({ date: event.target.value })}
          />
        </label>
        <label className="field">
          <span>Time</span>
          <input
            type="time"
            value={draft.time}
            onChange={(event) => set({ time: event.target.value })}
          />
        </label>
        <label className="field grow">
          <span>Time zone</span>
          <select
            value={draft.timeZone}
            onChange={(event) => set({ timeZone: event.target.value })}
          >
            {(zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones]).map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Length (minutes)</span>
          <input
            type="number"
            min={1}
            max={1440}
            value={draft.durationMinutes}
            onChange={(event) => set({ durationMinutes: event.target.value })}
          />
        </label>
      </div>
      <label className="field">
        <span>Notes</span>
        <textarea
          rows={3}
          value={draft.notes}
          onChange={(event) => set({ notes: event.target.value })}
        />
      </label>
      {error && <ErrorNotice message={error} />}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
