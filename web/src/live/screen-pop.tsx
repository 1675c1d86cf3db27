// The inbound screen-pop: "Jordan Sample is calling — Open contact", or the number with
// "Create contact", which saves the contact and links this call to it.
import { type FormEvent, useState } from 'react';
import { messageForError } from '../api/error-messages.js';
import { createContact } from '../contacts/contacts.api.js';
import { Link } from '../router/router.js';
import type { LiveCallView } from './live-call.types.js';
import { linkCallToContact } from './live-calls.api.js';
import { offersNewContact, popText } from './live-labels.js';

interface ScreenPopProps {
  views: LiveCallView[];
  onView: (view: LiveCallView) => void;
  onHide: (callId: string) => void;
}

export function ScreenPops({ views, onView, onHide }: ScreenPopProps) {
  return (
    <div className="screen-pops" aria-live="assertive">
      {views.map((view) => (
        <ScreenPop key={view.call.id} view={view} onView={onView} onHide={onHide} />
      ))}
    </div>
  );
}

function ScreenPop({
  view,
  onView,
  onHide,
}: { view: LiveCallView } & Omit<ScreenPopProps, 'views'>) {
  const [creating, setCreating] = useState(false);
  const { call } = view;

  return (
    <section className="screen-pop" aria-label="Incoming call" data-testid="screen-pop">
      <p className="screen-pop-text">
        <span className="call-icon" aria-hidden="true">
          ☎
        </span>{' '}
        <strong>{popText(view)}</strong>
        {call.contacts.length > 0 && call.externalNumberDisplay && (
          <span className="subtle"> · {call.externalNumberDisplay}</span>
        )}
      </p>
      <div className="actions">
        {call.contacts.map((contact) => (
          <Link key={contact.id} to={`/contacts/${encodeURIComponent(contact.id)}`}>
            {call.contacts.length > 1 ? `Open ${contact.name}` : 'Open contact'}
          </Link>
        ))}
        {offersNewContact(view) && !creating && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            Create contact
          </button>
        )}
        <button
          type="button"
          className="button link-like"
          aria-label="Dismiss the incoming call"
          onClick={() => onHide(call.id)}
        >
          Dismiss
        </button>
      </div>
      {creating && (
        <NewContactForm view={view} onDone={onView} onCancel={() => setCreating(false)} />
      )}
    </section>
  );
}

function NewContactForm({
  view,
  onDone,
  onCancel,
}: {
  view: LiveCallView;
  onDone: (view: LiveCallView) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const number = view.call.externalNumber ?? '';

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);

    try {
      const contact = await createContact({
        name: name.trim(),
        phones: [{ label: 'mobile', number }],
      });

      onDone(await linkCallToContact(view.call.id, contact.id));
    } catch (caught) {
      setError(messageForError(caught));
      setSaving(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void save(event)}>
      <label className="field inline">
        <span>Name</span>
        <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <span className="subtle">{view.call.externalNumberDisplay ?? number}</span>
      <button type="submit" className="button primary" disabled={saving || name.trim() === ''}>
        {saving ? 'Saving…' : 'Save contact'}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      {error && (
        <span className="call-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
