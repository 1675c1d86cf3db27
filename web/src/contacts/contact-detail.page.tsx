import { useCallback, useEffect, useState } from 'react';
import type { Contact, ContactInput } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { formatDateTime } from '../format/date-time.js';
import { CallButton } from '../live/call-button.js';
import { Link, navigate } from '../router/router.js';
import { ErrorNotice, Loading } from '../shell/notice.js';
import { ContactCallsSection } from './contact-calls.section.js';
import { VoicemailSection } from '../voicemail/voicemail-list.section.js';
import { ContactForm } from './contact-form.js';
import { deleteContact, getContact, updateContact } from './contacts.api.js';

const CONTACT_MESSAGES = { NOT_FOUND: 'Contact not found' };

export function ContactDetailPage({ id }: { id: string }) {
  const [contact, setContact] = useState<Contact | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);

    try {
      setContact(await getContact(id));
    } catch (caught) {
      setLoadError(messageForError(caught, CONTACT_MESSAGES));
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  async function save(input: ContactInput) {
    setContact(await updateContact(id, input));
    setEditing(false);
  }

  async function remove(current: Contact) {
    if (!window.confirm(`Delete ${current.name}? This cannot be undone.`)) return;
    setDeleting(true);
    setDeleteError(null);

    try {
      await deleteContact(id);
      navigate('/contacts');
    } catch (caught) {
      setDeleteError(messageForError(caught, CONTACT_MESSAGES));
      setDeleting(false);
    }
  }

  if (loadError) {
    return (
      <main className="page">
        <ErrorNotice message={loadError} />
        <p>
          <Link to="/contacts">Back to contacts</Link>
        </p>
      </main>
    );
  }

  if (contact === null) {
    return (
      <main className="page">
        <Loading what="contact" />
      </main>
    );
  }

  return (
    <main className="page">
      <p className="breadcrumb">
        <Link to="/contacts">← Contacts</Link>
      </p>
      <div className="page-head">
        <h1 data-testid="contact-name">{contact.name}</h1>
        {!editing && (
          <div className="actions">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="button danger"
              disabled={deleting}
              onClick={() => void remove(contact)}
            >
              {deleting ? 'Deleting…' : 'Delete'}
            </button>
          </div>
        )}
      </div>
      {deleteError && <ErrorNotice message={deleteError} />}
      {editing ? (
        <section className="panel" aria-label="Edit contact">
          <h2>Edit contact</h2>
          <ContactForm
            editing={contact}
            submitLabel="Save changes"
            onSubmit={save}
            onCancel={() => setEditing(false)}
          />
        </section>
      ) : (
        <ContactSummary contact={contact} />
      )}
      <VoicemailSection contactId={id} />
      <ContactCallsSection contactId={id} />
    </main>
  );
}

function ContactSummary({ contact }: { contact: Contact }) {
  return (
    <section className="panel" aria-label="Contact details">
      <dl className="details">
        <dt>Email</dt>
        <dd>{contact.email ?? <span className="subtle">None</span>}</dd>
        <dt>Phone</dt>
        <dd>
          {contact.phones.length === 0 && <span className="subtle">None</span>}
          <ul className="phone-list">
            {contact.phones.map((phone) => (
              <li key={phone.id}>
                <span className="phone-label">{phone.label}</span> {phone.raw}
                {phone.e164 && (
                  <small className="subtle">
                    {' '}
                    {phone.e164}
                    {phone.extension && ` ext. ${phone.extension}`}
                  </small>
                )}{' '}
                <CallButton
                  number={phone}
                  display={`${contact.name} (${phone.label})`}
                  contactId={contact.id}
                />
              </li>
            ))}
          </ul>
        </dd>
        <dt>Added</dt>
        <dd>{formatDateTime(contact.createdAt)}</dd>
      </dl>
    </section>
  );
}
