import { apiRequest, segment } from '../api/api-client.js';
import type { Contact, ContactInput } from '../api/api.types.js';

export async function listContacts(q: string, signal?: AbortSignal): Promise<Contact[]> {
  const { contacts } = await apiRequest<{ contacts: Contact[] }>('/api/contacts', {
    query: { q: q.trim() },
    signal,
  });

  return contacts;
}

export async function getContact(id: string): Promise<Contact> {
  const { contact } = await apiRequest<{ contact: Contact }>(`/api/contacts/${segment(id)}`);

  return contact;
}

export async function createContact(input: ContactInput): Promise<Contact> {
  const { contact } = await apiRequest<{ contact: Contact }>('/api/contacts', {
    method: 'POST',
    body: input,
  });

  return contact;
}

export async function updateContact(id: string, input: ContactInput): Promise<Contact> {
  const { contact } = await apiRequest<{ contact: Contact }>(`/api/contacts/${segment(id)}`, {
    method: 'PATCH',
    body: input,
  });

  return contact;
}

export async function deleteContact(id: string): Promise<void> {
  await apiRequest<void>(`/api/contacts/${segment(id)}`, { method: 'DELETE' });
}
