// The contact form's state, and how it becomes the request body. Numbers are sent as typed: the
// server normalises them (E.164 plus extension) and says which one it could not read.
import type { Contact, ContactInput, PhoneLabel } from '../api/api.types.js';

export interface PhoneDraft {
  /** Identifies the row while it is edited; never sent. */
  key: number;
  label: PhoneLabel;
  number: string;
}

export interface ContactDraft {
  name: string;
  email: string;
  phones: PhoneDraft[];
}

let lastKey = 0;

export function emptyPhone(label: PhoneLabel = 'mobile'): PhoneDraft {
  lastKey += 1;

  return { key: lastKey, label, number: '' };
}

export function emptyDraft(): ContactDraft {
  return { name: '', email: '', phones: [emptyPhone()] };
}

export function draftFromContact(contact: Contact): ContactDraft {
  const phones = contact.phones.map((phone) => ({ ...emptyPhone(phone.label), number: phone.raw }));

  return {
    name: contact.name,
    email: contact.email ?? '',
    phones: phones.length > 0 ? phones : [emptyPhone()],
  };
}

/**
 * The body for create (no `editing`) or edit. A blank e-mail is left out, except when editing a
 * contact that had one: then it is sent as null, because leaving it out would keep the old one.
 */
export function toContactInput(draft: ContactDraft, editing?: Contact): ContactInput {
  const email = draft.email.trim();
  const phones = draft.phones
    .map((phone) => ({ label: phone.label, number: phone.number.trim() }))
    .filter((phone) => phone.number !== '');
  const input: ContactInput = { name: draft.name.trim(), phones };

  if (email !== '') input.email = email;
  else if (editing?.email) input.email = null;

  return input;
}
