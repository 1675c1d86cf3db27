// Call-history rows per Zoom user, and the page cursors handed out as `next_page_token`.
// A cursor holds the result set of its first page, so calls placed while a client pages
// through do not shift or repeat rows; like Zoom's, it expires after 15 minutes (API.md §5).
import type { CallHistoryRows } from '../calls/call-history.items.js';
import { opaqueToken } from './ids.js';

export const CURSOR_TTL_MS = 15 * 60_000;

export interface HistoryEntry extends CallHistoryRows {
  startMs: number;
}

export interface HistoryCursor {
  zoomUserId: string;
  entries: HistoryEntry[];
  offset: number;
  from: string;
  to: string;
  expiresAt: number;
}

export class CallHistoryStore {
  private readonly byUser = new Map<string, HistoryEntry[]>();
  private readonly cursors = new Map<string, HistoryCursor>();

  constructor(private readonly now: () => number) {}

  add(zoomUserId: string, entry: HistoryEntry): void {
    const entries = this.byUser.get(zoomUserId) ?? [];

    entries.push(entry);
    this.byUser.set(zoomUserId, entries);
  }

  /** The user's calls that started inside [fromMs, toMs], newest first. */
  between(zoomUserId: string, fromMs: number, toMs: number): HistoryEntry[] {
    const entries = this.byUser.get(zoomUserId) ?? [];

    return entries
      .filter((entry) => entry.startMs >= fromMs && entry.startMs <= toMs)
      .sort((a, b) => b.startMs - a.startMs);
  }

  openCursor(cursor: Omit<HistoryCursor, 'expiresAt'>): string {
    const token = opaqueToken(24);

    this.cursors.set(token, { ...cursor, expiresAt: this.now() + CURSOR_TTL_MS });

    return token;
  }

  /** The cursor behind a token, if it is the same user's and has not expired. */
  findCursor(token: string, zoomUserId: string): HistoryCursor | undefined {
    const cursor = this.cursors.get(token);

    if (cursor && cursor.expiresAt <= this.now()) {
      this.cursors.delete(token);

      return undefined;
    }

    return cursor?.zoomUserId === zoomUserId ? cursor : undefined;
  }
}
