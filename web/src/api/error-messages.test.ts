import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR } from './api-client.js';
import { ERROR_MESSAGES, messageForCode, messageForError } from './error-messages.js';

// Every code the server's contract names; a new one must get a human message before it ships.
const CONTRACT_CODES = [
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'VALIDATION_FAILED',
  'INVALID_PHONE_NUMBER',
  'NOT_FOUND',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'RATE_LIMITED',
  'INTERNAL',
  'OAUTH_DENIED',
  'OAUTH_STATE_INVALID',
  'OAUTH_FAILED',
  'PILOT_NOT_APPROVED',
  'ZOOM_UNAVAILABLE',
];

describe('error messages', () => {
  it.each(CONTRACT_CODES)('has a human message for %s', (code) => {
    const message = messageForCode(code, 'raw server text');

    expect(message).not.toBe('');
    expect(Object.keys(ERROR_MESSAGES)).toContain(code);
  });

  it('uses the wording support asked for on the pilot, server failures and the network', () => {
    expect(messageForCode('PILOT_NOT_APPROVED')).toBe(
      'App not approved for your account — contact support@1thing.ca',
    );
    expect(messageForCode('INTERNAL')).toBe('Something went wrong on our side; try again');
    expect(messageForCode(NETWORK_ERROR)).toBe("Can't reach 1Thing — check your connection");
  });

  it("shows the server's message for an invalid phone number, since it names the number", () => {
    const message = messageForCode('INVALID_PHONE_NUMBER', '"555" is not a phone number');

    expect(message).toBe('"555" is not a phone number');
  });

  it('falls back to the generic text when a detailed code comes without a message', () => {
    expect(messageForCode('VALIDATION_FAILED', '  ')).toBe(ERROR_MESSAGES.VALIDATION_FAILED);
  });

  it("falls back to the server's message for a code it does not know", () => {
    expect(messageForCode('MEETING_IN_PAST', 'Pick a time in the future')).toBe(
      'Pick a time in the future',
    );
  });

  it('never shows an empty message, even for an unknown code without text', () => {
    expect(messageForCode('SOMETHING_NEW', '')).toBe(ERROR_MESSAGES.INTERNAL);
  });

  it('lets a page word a code its own way', () => {
    const error = new ApiError(404, 'NOT_FOUND', 'no such contact');

    expect(messageForError(error, { NOT_FOUND: 'Contact not found' })).toBe('Contact not found');
  });

  it('treats anything that is not an ApiError as our own failure', () => {
    expect(messageForError(new TypeError('x is undefined'))).toBe(ERROR_MESSAGES.INTERNAL);
  });
});
