/**
 * The one registry of API error codes (DESIGN.md §4). The API answers
 * `{ "error": { "code", "message" } }`; the web app branches on `code`.
 */
export const errorCodes = {
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  INVALID_CREDENTIALS: { status: 401, message: 'That email and password do not match.' },
  FORBIDDEN: { status: 403, message: 'You do not have access to this.' },
  CSRF_REJECTED: { status: 403, message: 'This request did not come from the 1Thing app.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  VALIDATION_FAILED: { status: 400, message: 'Some fields are missing or invalid.' },
  INVALID_PHONE_NUMBER: { status: 400, message: 'That phone number could not be understood.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts. Wait a minute and try again.' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, message: 'The webhook signature did not verify.' },
  WEBHOOK_INVALID: { status: 400, message: 'The webhook body is not a Zoom event.' },
  ZOOM_NOT_CONNECTED: { status: 409, message: 'Connect Zoom first.' },
  ZOOM_RECONNECT_NEEDED: {
    status: 409,
    message: 'Zoom no longer accepts 1Thing’s access. Reconnect Zoom in Settings → Integrations.',
  },
  ZOOM_UNAVAILABLE: { status: 502, message: 'Zoom did not answer. Try again shortly.' },
  ZOOM_MEETINGS_NOT_CONNECTED: {
    status: 409,
    message: 'Connect Zoom Meetings in Settings → Integrations first.',
  },
  ACTIVITY_TIME_MISSING: {
    status: 422,
    message: 'Give the activity a date and time before creating a Zoom meeting.',
  },
  ACTIVITY_IN_PAST: {
    status: 422,
    message: 'The activity’s time has passed. Move it to a future time to create a Zoom meeting.',
  },
  ZOOM_MEETING_EXISTS: { status: 409, message: 'This activity already has a Zoom meeting.' },
  ZOOM_VALIDATION_FAILED: { status: 422, message: 'Zoom did not accept the meeting details.' },
  ZOOM_REFUSED: { status: 502, message: 'Zoom refused the request.' },
  NUMBER_NOT_DIALABLE: {
    status: 400,
    message: 'That number cannot be dialled: it is not a complete phone number.',
  },
  CALL_NOT_ACTIVE: { status: 409, message: 'This call has already ended.' },
  CALL_END_REFUSED: {
    status: 409,
    message: 'Zoom would not end this call from 1Thing. Hang up in the Zoom app.',
  },
  VOICEMAIL_NOT_RETRYABLE: {
    status: 409,
    message: 'This voicemail is not waiting for a retry.',
  },
  RECORDING_UNAVAILABLE: {
    status: 502,
    message: 'Zoom did not hand over this recording. Reconnect Zoom or try again later.',
  },
  RECORDING_DELETED_IN_ZOOM: {
    status: 410,
    message: 'This recording was deleted in Zoom.',
  },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. Try again.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message ?? errorCodes[code].message, { cause: options?.cause });
    this.name = 'AppError';
    this.status = errorCodes[code].status;
    this.details = options?.details;
  }

  readonly details: unknown;
}

export function errorBody(code: ErrorCode, message?: string, details?: unknown) {
  const error: { code: ErrorCode; message: string; details?: unknown } = {
    code,
    message: message ?? errorCodes[code].message,
  };

  if (details !== undefined) error.details = details;

  return { error };
}
