// The simulator's Zoom users: one Zoom account per user unless a test says otherwise. Both
// `GET /users/me` (API.md §2) and `GET /phone/users/me` (§5.1) are projections of this record.
import { zoomId } from './ids.js';

export interface SimUser {
  email: string;
  zoomUserId: string;
  accountId: string;
  firstName: string;
  lastName: string;
  /** The user's Zoom Phone number (DID), E.164. */
  phoneNumber: string;
  phoneNumberId: string;
  extensionNumber: number;
  extensionId: string;
  phoneUserId: string;
  /** Without a licence every Phone endpoint answers 403 / 2031 (API.md §5). */
  phoneLicence: boolean;
  timezone: string;
  pmi: number;
  createdAt: number;
}

export interface SimUserInput {
  email: string;
  zoomUserId?: string;
  accountId?: string;
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
  extensionNumber?: number;
  phoneLicence?: boolean;
  timezone?: string;
}

export class UserStore {
  private readonly byEmail = new Map<string, SimUser>();
  private created = 0;

  list(): SimUser[] {
    return [...this.byEmail.values()];
  }

  findByEmail(email: string): SimUser | undefined {
    return this.byEmail.get(email.toLowerCase());
  }

  findById(zoomUserId: string): SimUser | undefined {
    return this.list().find((user) => user.zoomUserId === zoomUserId);
  }

  /** Creates the user for a new email, or changes only the given fields of an existing one. */
  upsert(input: SimUserInput, now: number): { user: SimUser; created: boolean } {
    const key = input.email.toLowerCase();
    const existing = this.byEmail.get(key);
    const user = existing ? { ...existing, ...definedFields(input) } : this.fresh(input, now);

    user.email = key;
    this.byEmail.set(key, user);

    return { user, created: !existing };
  }

  private fresh(input: SimUserInput, now: number): SimUser {
    this.created += 1;

    const [first, last] = namesFromEmail(input.email);
    const serial = this.created;

    return {
      email: input.email,
      zoomUserId: input.zoomUserId ?? zoomId(),
      accountId: input.accountId ?? zoomId(),
      firstName: input.firstName ?? first,
      lastName: input.lastName ?? last,
      // 555-01xx numbers are reserved for fiction, so a demo can never dial a real person.
      phoneNumber: input.phoneNumber ?? `+1206555${String(100 + (serial % 100)).padStart(4, '0')}`,
      phoneNumberId: zoomId(),
      extensionNumber: input.extensionNumber ?? 1000 + serial,
      extensionId: zoomId(),
      phoneUserId: zoomId(),
      phoneLicence: input.phoneLicence ?? true,
      timezone: input.timezone ?? 'America/Toronto',
      pmi: 5_550_000_000 + serial,
      createdAt: now,
    };
  }
}

function definedFields(input: SimUserInput): Partial<SimUser> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

function namesFromEmail(email: string): [string, string] {
  const parts = (email.split('@')[0] ?? '').split(/[._-]+/).filter(Boolean);
  const title = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

  return [title(parts[0] ?? 'Demo'), parts[1] ? title(parts[1]) : 'Agent'];
}
