import { describe, expect, it } from 'vitest';
import type { Call } from '../api/api.types.js';
import type { LiveCallView } from './live-call.types.js';
import {
  bannerAnnouncement,
  bannerText,
  elapsedSeconds,
  offersNewContact,
  partyName,
  popText,
} from './live-labels.js';

function aView(call: Partial<Call> = {}, view: Partial<LiveCallView> = {}): LiveCallView {
  return {
    call: {
      id: 'call_1',
      zoomCallId: '7290001112223334445',
      direction: 'inbound',
      status: 'ringing',
      result: null,
      externalNumber: '+16045550147',
      externalNumberDisplay: '(604) 555-0147',
      externalName: null,
      startedAt: '2026-12-03T15:00:00.000Z',
      answeredAt: null,
      endedAt: null,
      talkSeconds: null,
      match: 'single',
      contacts: [{ id: 'c1', name: 'Jordan Sample' }],
      ...call,
    },
    phase: 'ringing',
    line: 'personal',
    screenPop: true,
    canEnd: false,
    callBack: null,
    ...view,
  };
}

const at = (iso: string) => Date.parse(iso);

describe('what the screen-pop and the banner say', () => {
  it('names the contact who is calling', () => {
    expect(popText(aView())).toBe('Jordan Sample is calling');
  });

  it('names both contacts who share a number', () => {
    const shared = aView({
      match: 'ambiguous',
      contacts: [
        { id: 'c1', name: 'Kim Ortiz' },
        { id: 'c2', name: 'Sam Ortiz' },
      ],
    });

    expect(popText(shared)).toBe('Kim Ortiz or Sam Ortiz is calling');
  });

  it('shows an unknown number as the number, with Create contact', () => {
    const unknown = aView({ match: 'none', contacts: [] });

    expect(popText(unknown)).toBe('(604) 555-0147 is calling');
    expect(offersNewContact(unknown)).toBe(true);
  });

  it('shows a hidden caller as such, with nothing to create', () => {
    const hidden = aView({
      match: 'unknown_caller',
      contacts: [],
      externalNumber: null,
      externalNumberDisplay: null,
    });

    expect(popText(hidden)).toBe('Unknown caller is calling');
    expect(offersNewContact(hidden)).toBe(false);
  });

  it('shows a colleague’s call as internal', () => {
    const internal = aView({ match: 'internal', contacts: [], externalNumberDisplay: '1009' });

    expect(popText(internal)).toBe('Internal call from 1009');
    expect(offersNewContact(internal)).toBe(false);
  });

  it('times a connected call from pick-up, a dialling one from its start', () => {
    const connected = { startedAt: '2026-12-03T15:00:00Z', answeredAt: '2026-12-03T15:00:10Z' };

    expect(elapsedSeconds(connected, at('2026-12-03T15:01:15Z'))).toBe(65);
    expect(elapsedSeconds({ ...connected, answeredAt: null }, at('2026-12-03T15:00:07Z'))).toBe(7);
    expect(elapsedSeconds(connected, at('2026-12-03T14:59:00Z'))).toBe(0);
  });

  it('says what the banner shows in each phase', () => {
    const now = at('2026-12-03T15:01:05Z');
    const call = { direction: 'outbound' as const, answeredAt: '2026-12-03T15:00:05Z' };

    expect(bannerText(aView({ ...call, answeredAt: null }, { phase: 'dialing' }), now)).toBe(
      'Calling Jordan Sample… 1:05',
    );
    expect(bannerText(aView(call, { phase: 'connected' }), now)).toBe(
      'On a call with Jordan Sample · 1:00',
    );
    expect(bannerText(aView(call, { phase: 'ending' }), now)).toBe(
      'Ending the call with Jordan Sample…',
    );
    expect(bannerText(aView(call, { phase: 'refused' }), now)).toMatch(/Hang up in the Zoom app/);
    expect(
      bannerText(aView({ ...call, result: 'answered', talkSeconds: 125 }, { phase: 'ended' }), now),
    ).toBe('Call with Jordan Sample ended: Answered, 2:05. It is in the call history.');
  });

  it('announces phase changes to screen readers without the ticking timer', () => {
    expect(bannerAnnouncement(aView({}, { phase: 'connected' }))).toBe(
      'On a call with Jordan Sample',
    );
    expect(bannerAnnouncement(aView({}, { phase: 'refused' }))).toMatch(/Hang up in the Zoom app/);
  });

  it('falls back to the number, then to "Unknown caller"', () => {
    expect(
      partyName({ contacts: [], match: 'none', externalNumberDisplay: '(604) 555-0199' }),
    ).toBe('(604) 555-0199');
    expect(partyName({ contacts: [], match: 'none', externalNumberDisplay: null })).toBe(
      'Unknown caller',
    );
  });
});
