import { type FormEvent, useState } from 'react';
import {
  type Contact,
  type ContactInput,
  PHONE_LABELS,
  type PhoneLabel,
} from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { ErrorNotice } from '../shell/notice.js';
import {
  type ContactDraft,
  draftFromContact,
  emptyDraft,
  emptyPhone,
  type PhoneDraft,
  toContactInput,
} from './contact-draft.js';

interface ContactFormProps {
  /** The contact being edited; absent for a new one. */
  editing?: Contact;
  submitLabel: string;
  onSubmit: (input: ContactInput) => Promise<void>;
  onCancel: () => void;
}

const LABEL_TEXT: Record<PhoneLabel, string> = {
  mobile: 'Mobile',
  home: 'Home',
  work: 'Work',
  office: 'Office',
  other: 'Other',
};

export function ContactForm({ editing, submitLabel, onSubmit, onCancel }: ContactFormProps) {
  const [draft, setDraft] = useState<ContactDraft>(() =>
    editing ? draftFromContact(editing) : emptyDraft(),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function setPhone(key: number, change: Partial<PhoneDraft>) {
    setDraft((current) => ({
      ...current,
      phones: current.phones.map((phone) => (phone.key === key ? { ...phone, ...change } : phone)),
    }));
  }

  function removePhone(key: number) {
    setDraft((current) => ({
      ...current,
      phones: current.phones.filter((phone) => phone.key !== key),
    }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);

    try {
      await onSubmit(toContactInput(draft, editing));
    } catch (caught) {
      setError(messageForError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form contact-form" onSubmit={(event) => void submit(event)}>
      <label className="field">
        <span>Name</span>
        <input
          name="name"
          required
          autoComplete="off"
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        />
      </label>
      <label className="field">
        <span>Email</span>
        <input
          name="email"
          type="email"
          autoComplete="off"
          value={draft.email}
          onChange={(event) => setDraft({ ...draft, email: event.target.value })}
        />
      </label>
      <fieldset className="phones">
        <legend>Phone numbers</legend>
        {draft.phones.map((phone, index) => (
          <div className="phone-row" key={phone.key}>
            <label className="field inline">
              <span className="visually-hidden">Label for phone {index + 1}</span>
              <select
                value={phone.label}
                onChange={(event) => setPhone(phone.key, { label: asLabel(event.target.value) })}
              >
                {PHONE_LABELS.map((label) => (
                  <option key={label} value={label}>
                    {LABEL_TEXT[label]}
                  </option>
                ))}
              </select>
            </label>
            <label className="field inline grow">
              <span className="visually-hidden">Phone number {index + 1}</span>
              <input
                type="tel"
                name="phone"
                autoComplete="off"
                placeholder="+1 604 555 0123"
                value={phone.number}
                onChange={(event) => setPhone(phone.key, { number: event.target.value })}
              />
            </label>
            {draft.phones.length > 1 && (
              <button
                type="button"
                className="button link-like"
                aria-label={`Remove phone ${index + 1}`}
                onClick={() => removePhone(phone.key)}
              >
                Remove
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          className="button link-like add-phone"
          onClick={() => setDraft({ ...draft, phones: [...draft.phones, emptyPhone('work')] })}
        >
          Add another number
        </button>
      </fieldset>
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

function asLabel(value: string): PhoneLabel {
  return PHONE_LABELS.find((label) => label === value) ?? 'other';
}
