import { describe, expect, it } from 'vitest';
import type { Call } from '../api/api.types.js';
import { directionText, numberText, resultText, unlinkedText } from './call-labels.js';

function aCall(overrides: Partial<Call> = {}): Call {
  return {
    id: 'call_1',
    zoomCallId: 'zc_1',
    direction: 'inbound',
    status: 'ended',
    result: 'answered',
    externalNumber: '+15125550147',
    externalNumberDisplay: '(512) 555-0147',
    externalName: null,
    startedAt: '2026-12-03T15:00:00.000Z',
    answeredAt: '2026-12-03T15:00:05.000Z',
    endedAt: '2026-12-03T15:02:05.000Z',
    talkSeconds: 120,
    match: 'single',
    contacts: [{ id: 'c1', name: 'Dana Reyes' }],
    ...overrides,
  };
}

describe('call labels', () => {
  it('names both directions', () => {
    expect(directionText('inbound')).toBe('Inbound');
    expect(directionText('outbound')).toBe('Outbound');
  });

  it.each([
    ['answered', 'Answered'],
    ['missed', 'Missed'],
    ['rejected', 'Rejected'],
    ['voicemail', 'Voicemail'],
    ['cancelled', 'Cancelled'],
  ] as const)('shows the %s result as %s', (result, text) => {
    expect(resultText(aCall({ result }))).toBe(text);
  });

  it('shows a ringing or connected call as in progress', () => {
    expect(resultText(aCall({ status: 'ringing', result: null }))).toBe('In progress');
    expect(resultText(aCall({ status: 'connected', result: null }))).toBe('In progress');
  });

  it('shows "Unknown caller" when the caller hid their number', () => {
    expect(numberText(aCall({ externalNumberDisplay: null }))).toBe('Unknown caller');
  });

  it('names the contact column for calls that link to nobody', () => {
    expect(unlinkedText(aCall({ match: 'none', contacts: [] }))).toBe('Unknown number');
    expect(unlinkedText(aCall({ match: 'unknown_caller', contacts: [] }))).toBe('Unknown caller');
    expect(unlinkedText(aCall({ match: 'internal', contacts: [] }))).toBe('Internal call');
  });

  it('leaves the contact column to the links when the call has contacts', () => {
    const shared = aCall({
      match: 'ambiguous',
      contacts: [
        { id: 'c1', name: 'Jo Lane' },
        { id: 'c2', name: 'Kim Ray' },
      ],
    });

    expect(unlinkedText(shared)).toBeNull();
    expect(unlinkedText(aCall())).toBeNull();
  });
});
