// The shapes the 1Thing server returns, as its HTTP contract states them. Times are ISO 8601
// strings; the browser turns them into local text only when it shows them.

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

export const PHONE_LABELS = ['mobile', 'home', 'work', 'office', 'other'] as const;

export type PhoneLabel = (typeof PHONE_LABELS)[number];

export interface ContactPhone {
  id: string;
  label: PhoneLabel;
  raw: string;
  e164: string | null;
  extension: string | null;
}

export interface Contact {
  id: string;
  name: string;
  email: string | null;
  phones: ContactPhone[];
  createdAt: string;
}

/** Body of `POST /api/contacts` and `PATCH /api/contacts/:id`. */
export interface ContactInput {
  name: string;
  email?: string | null;
  phones: { label: PhoneLabel; number: string }[];
}

export type CallDirection = 'inbound' | 'outbound';

export type CallStatus = 'ringing' | 'connected' | 'ended';

export const CALL_RESULTS = ['answered', 'missed', 'rejected', 'voicemail', 'cancelled'] as const;

export type CallResult = (typeof CALL_RESULTS)[number];

export type CallMatch = 'single' | 'ambiguous' | 'none' | 'unknown_caller' | 'internal';

export interface Call {
  id: string;
  zoomCallId: string;
  direction: CallDirection;
  status: CallStatus;
  result: CallResult | null;
  externalNumber: string | null;
  externalNumberDisplay: string | null;
  externalName: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  talkSeconds: number | null;
  match: CallMatch;
  contacts: { id: string; name: string }[];
}

export interface CallPage {
  calls: Call[];
  nextCursor: string | null;
}

export type ZoomProduct = 'meetings' | 'phone';

export type CardState =
  'not_connected' | 'connected' | 'needs_reconnect' | 'not_licensed' | 'removed_in_zoom';

export interface ZoomCard {
  product: ZoomProduct;
  state: CardState;
  zoomEmail: string | null;
  connectedAt: string | null;
  /** Only the phone card carries it. */
  phoneNumber?: string | null;
  message: string | null;
  /** Phone only: the import of past calls, worded by the server. */
  history?: HistoryImport | null;
}

export interface HistoryImport {
  state: 'importing' | 'paused' | 'done' | 'incomplete' | 'cancelled' | 'failed';
  text: string;
  month: number;
  months: number;
  calls: number;
  unmatched: number;
  since: string;
  resumeAt: string | null;
}

export interface ZoomCards {
  meetings: ZoomCard;
  phone: ZoomCard;
}

export interface DemoInfo {
  demoMode: boolean;
  simulatorUrl: string;
  demoEmail: string;
}

export interface AdminStatus {
  webhooks: {
    lastUrlValidationAt: string | null;
    lastVerifiedEventAt: string | null;
    lastRejectedAt: string | null;
    lastRejectedReason: string | null;
  };
  inbox: { pending: number; failed: number };
  demoMode: boolean;
}

export interface PilotEntry {
  email: string;
  addedAt: string;
  addedBy: string | null;
}

export interface PilotAllowlist {
  emails: PilotEntry[];
  pilotOpen: boolean;
}
