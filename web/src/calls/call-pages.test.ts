import { describe, expect, it } from 'vitest';
import type { Call } from '../api/api.types.js';
import { appendPage, firstPage, refreshFirstPage } from './call-pages.js';

function aCallAt(id: string, minute: number): Call {
  const startedAt = new Date(Date.UTC(2026, 11, 3, 15, minute)).toISOString();

  return {
    id,
    zoomCallId: `zoom_${id}`,
    direction: 'inbound',
    status: 'ended',
    result: 'answered',
    externalNumber: '+15125550147',
    externalNumberDisplay: '(512) 555-0147',
    externalName: null,
    startedAt,
    answeredAt: startedAt,
    endedAt: startedAt,
    talkSeconds: 30,
    match: 'single',
    contacts: [{ id: 'c1', name: 'Dana Reyes' }],
  };
}

const ids = (calls: Call[]) => calls.map((call) => call.id);

describe('call pages', () => {
  it('shows a new call at the top when the only page is refreshed', () => {
    const list = firstPage({ calls: [aCallAt('b', 2), aCallAt('a', 1)], nextCursor: null });
    const fresh = { calls: [aCallAt('c', 3), aCallAt('b', 2), aCallAt('a', 1)], nextCursor: null };

    expect(ids(refreshFirstPage(list, fresh).calls)).toEqual(['c', 'b', 'a']);
  });

  it('keeps older loaded pages when the first page is refreshed', () => {
    const page1 = { calls: [aCallAt('d', 4), aCallAt('c', 3)], nextCursor: 'cur1' };
    const page2 = { calls: [aCallAt('b', 2), aCallAt('a', 1)], nextCursor: null };
    const list = appendPage(firstPage(page1), page2);
    const fresh = { calls: [aCallAt('e', 5), aCallAt('d', 4)], nextCursor: 'cur1b' };
    const refreshed = refreshFirstPage(list, fresh);

    expect(ids(refreshed.calls)).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect(refreshed.nextCursor).toBeNull();
  });

  it('updates a call that was ringing when the refresh says it ended', () => {
    const ringing = { ...aCallAt('a', 1), status: 'ringing' as const, result: null };
    const list = firstPage({ calls: [ringing], nextCursor: null });
    const refreshed = refreshFirstPage(list, { calls: [aCallAt('a', 1)], nextCursor: null });

    expect(refreshed.calls[0]?.result).toBe('answered');
  });

  it('never shows a call twice when new calls shift the next page', () => {
    const list = firstPage({ calls: [aCallAt('c', 3), aCallAt('b', 2)], nextCursor: 'cur1' });
    const shifted = { calls: [aCallAt('b', 2), aCallAt('a', 1)], nextCursor: null };

    expect(ids(appendPage(list, shifted).calls)).toEqual(['c', 'b', 'a']);
  });
});
