import { describe, expect, it } from 'vitest';
import type { Contact } from '../api/api.types.js';
import { draftFromContact, emptyDraft, emptyPhone, toContactInput } from './contact-draft.js';

function aContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'c1',
    name: 'Dana Reyes',
    email: 'dana@example.com',
    phones: [
      {
        id: 'p1',
        label: 'office',
        raw: '+1 512 555 0100 x204',
        e164: '+15125550100',
        extension: '204',
      },
    ],
    createdAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('toContactInput', () => {
  it('sends trimmed fields and numbers as typed, dropping empty phone rows', () => {
    const draft = {
      name: '  Jo Lane ',
      email: ' jo@example.com ',
      phones: [
        { ...emptyPhone('mobile'), number: ' (512) 555-0147 ' },
        { ...emptyPhone('home'), number: '   ' },
      ],
    };

    expect(toContactInput(draft)).toEqual({
      name: 'Jo Lane',
      email: 'jo@example.com',
      phones: [{ label: 'mobile', number: '(512) 555-0147' }],
    });
  });

  it('leaves out a blank e-mail on a new contact', () => {
    const input = toContactInput({ ...emptyDraft(), name: 'Kim Ray' });

    expect(input).toEqual({ name: 'Kim Ray', phones: [] });
    expect('email' in input).toBe(false);
  });

  it('clears the e-mail of an edited contact when the field is emptied', () => {
    const contact = aContact();
    const draft = { ...draftFromContact(contact), email: '' };

    expect(toContactInput(draft, contact).email).toBeNull();
  });

  it('leaves out a blank e-mail when the edited contact had none', () => {
    const contact = aContact({ email: null });

    expect('email' in toContactInput(draftFromContact(contact), contact)).toBe(false);
  });
});

describe('draftFromContact', () => {
  it('puts back each number as the agent typed it, with its label', () => {
    const draft = draftFromContact(aContact());

    expect(draft.phones.map(({ label, number }) => ({ label, number }))).toEqual([
      { label: 'office', number: '+1 512 555 0100 x204' },
    ]);
  });

  it('offers one empty phone row for a contact without numbers', () => {
    expect(draftFromContact(aContact({ phones: [] })).phones).toHaveLength(1);
  });
});
