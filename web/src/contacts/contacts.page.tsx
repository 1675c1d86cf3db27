import { useEffect, useState } from 'react';
import type { Contact, ContactInput } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { Link } from '../router/router.js';
import { ErrorNotice, Loading, SuccessNotice } from '../shell/notice.js';
import { ContactForm } from './contact-form.js';
import { createContact, listContacts } from './contacts.api.js';

// Long enough that typing a name sends one search, short enough to feel immediate.
const SEARCH_DELAY_MS = 250;

export function ContactsPage() {
  const [query, setQuery] = useState('');
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<Contact | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    // The first load has nothing to wait for; later ones wait for the agent to stop typing.
    const delay = contacts === null ? 0 : SEARCH_DELAY_MS;
    const timer = window.setTimeout(() => {
      listContacts(query, abort.signal)
        .then((found) => {
          setContacts(found);
          setError(null);
        })
        .catch((caught: unknown) => {
          if (!abort.signal.aborted) setError(messageForError(caught));
        });
    }, delay);

    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [query, reloads]);

  async function create(input: ContactInput) {
    const contact = await createContact(input);

    setAdding(false);
    setAdded(contact);
    setReloads((count) => count + 1);
  }

  return (
    <main className="page">
      <div className="page-head">
        <h1>Contacts</h1>
        {!adding && (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            New contact
          </button>
        )}
      </div>
      {adding && (
        <section className="panel" aria-label="New contact">
          <h2>New contact</h2>
          <ContactForm
            submitLabel="Save contact"
            onSubmit={create}
            onCancel={() => setAdding(false)}
          />
        </section>
      )}
      {added && (
        <SuccessNotice message={`Added ${added.name}.`}>
          <Link to={`/contacts/${encodeURIComponent(added.id)}`}>Open {added.name}</Link>
        </SuccessNotice>
      )}
      <label className="field search">
        <span>Search contacts</span>
        <input
          type="search"
          placeholder="Name, email or number"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </label>
      {error && <ErrorNotice message={error} />}
      {contacts === null && !error && <Loading what="contacts" />}
      {contacts !== null && <ContactList contacts={contacts} searched={query.trim() !== ''} />}
    </main>
  );
}

function ContactList({ contacts, searched }: { contacts: Contact[]; searched: boolean }) {
  if (contacts.length === 0) {
    return <p className="empty">{searched ? 'No contacts match.' : 'No contacts yet.'}</p>;
  }

  return (
    <ul className="contact-list">
      {contacts.map((contact) => (
        <li key={contact.id} className="contact-item" data-testid="contact-item">
          <Link to={`/contacts/${encodeURIComponent(contact.id)}`} className="contact-link">
            {contact.name}
          </Link>
          {contact.email && <span className="subtle">{contact.email}</span>}
          <span className="subtle">{contact.phones.map((phone) => phone.raw).join(', ')}</span>
        </li>
      ))}
    </ul>
  );
}
