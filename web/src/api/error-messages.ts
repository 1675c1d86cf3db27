// What the agent reads for each error code. The UI branches on codes, never on the server's
// wording; the server's message is shown only where it names the field or number at fault, or
// when the code is one this page has not heard of.
import { ApiError, BAD_RESPONSE, NETWORK_ERROR } from './api-client.js';

export const ERROR_MESSAGES = {
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  INVALID_CREDENTIALS: "That email and password don't match an account. Check them and try again.",
  VALIDATION_FAILED: 'Some of the details are not valid. Check the form and try again.',
  INVALID_PHONE_NUMBER: "One of the phone numbers doesn't look like a phone number.",
  NOT_FOUND: 'We could not find that. It may have been deleted.',
  FORBIDDEN: "Your account doesn't have access to this. Ask an admin if you need it.",
  CSRF_REJECTED: 'Your browser sent this request without its security check. Reload and try again.',
  RATE_LIMITED: 'Too many attempts in a short time. Wait a minute and try again.',
  INTERNAL: 'Something went wrong on our side; try again',
  OAUTH_DENIED: 'You declined the request on Zoom, so nothing was connected.',
  OAUTH_STATE_INVALID:
    'The Zoom sign-in link expired or was opened in another browser. Start again from this page.',
  OAUTH_FAILED: 'Zoom did not complete the sign-in, so nothing was connected.',
  PILOT_NOT_APPROVED: 'App not approved for your account — contact support@1thing.ca',
  ZOOM_UNAVAILABLE: 'Zoom did not answer. Try again in a few minutes.',
  VOICEMAIL_NOT_RETRYABLE: 'This voicemail is already being transcribed.',
  RECORDING_DELETED_IN_ZOOM: 'Deleted in Zoom.',
  RECORDING_UNAVAILABLE: 'Zoom did not hand over this recording. Reconnect Zoom or try later.',
  [NETWORK_ERROR]: "Can't reach 1Thing — check your connection",
  [BAD_RESPONSE]: 'The server sent an answer this page could not read. Reload and try again.',
} as const satisfies Record<string, string>;

export type KnownErrorCode = keyof typeof ERROR_MESSAGES;

// For these the server's message carries the detail (which field, which number) that the agent
// needs to fix the form, so it is shown in place of the generic text.
const SERVER_DETAIL_CODES: ReadonlySet<string> = new Set([
  'VALIDATION_FAILED',
  'INVALID_PHONE_NUMBER',
]);

export type MessageOverrides = Partial<Record<string, string>>;

/** The text for an error code; `overrides` let a page say it in its own terms. */
export function messageForCode(
  code: string,
  serverMessage = '',
  overrides: MessageOverrides = {},
): string {
  const override = overrides[code];

  if (override !== undefined) return override;
  if (SERVER_DETAIL_CODES.has(code) && serverMessage.trim() !== '') return serverMessage;
  if (isKnownCode(code)) return ERROR_MESSAGES[code];
  if (serverMessage.trim() !== '') return serverMessage;

  return ERROR_MESSAGES.INTERNAL;
}

/** The text for anything a request may throw. */
export function messageForError(error: unknown, overrides: MessageOverrides = {}): string {
  if (error instanceof ApiError) return messageForCode(error.code, error.message, overrides);

  return ERROR_MESSAGES.INTERNAL;
}

export function isKnownCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(ERROR_MESSAGES, code);
}
