import { describe, expect, it } from 'vitest';
import type { LiveCallView, LivePhase } from './live-call.types.js';
import {
  applySnapshot,
  applyView,
  bannerCalls,
  callBackItems,
  emptyLiveState,
  hideCall,
  screenPops,
} from './live-state.js';

function aLiveCall(phase: LivePhase, overrides: Partial<LiveCallView> = {}): LiveCallView {
  return {
    call: {
      id: 'call_1',
      zoomCallId: '7290001112223334445',
      direction: phase === 'dialing' ? 'outbound' : 'inbound',
      status:
        phase === 'ended'
          ? 'ended'
          : phase === 'ringing' || phase === 'dialing'
            ? 'ringing'
            : 'connected',
      result: phase === 'ended' ? 'answered' : null,
      externalNumber: '+16045550147',
      externalNumberDisplay: '(604) 555-0147',
      externalName: null,
      startedAt: '2026-12-03T15:00:00.000Z',
      answeredAt: null,
      endedAt: null,
      talkSeconds: null,
      match: 'single',
      contacts: [{ id: 'c1', name: 'Jordan Sample' }],
    },
    phase,
    line: 'personal',
    screenPop: phase === 'ringing',
    canEnd: phase === 'dialing' || phase === 'connected',
    callBack: null,
    ...overrides,
  };
}

const phases = (views: LiveCallView[]) => views.map((view) => view.phase);

describe('the live state of a tab', () => {
  it('pops up a ringing call, then swaps the pop for the banner once answered', () => {
    const ringing = applyView(emptyLiveState, aLiveCall('ringing'));

    expect(phases(screenPops(ringing))).toEqual(['ringing']);
    expect(bannerCalls(ringing)).toEqual([]);

    const answered = applyView(ringing, aLiveCall('connected'));

    expect(screenPops(answered)).toEqual([]);
    expect(phases(bannerCalls(answered))).toEqual(['connected']);
  });

  it('never lets an older view replace a newer one, whatever order events arrive in', () => {
    const ended = applyView(emptyLiveState, aLiveCall('ended'));
    const lateRinging = applyView(ended, aLiveCall('ringing'));
    const lateConnected = applyView(lateRinging, aLiveCall('connected'));

    expect(lateConnected).toBe(ended);
    expect(screenPops(lateConnected)).toEqual([]);
  });

  it('shows a short "ended" note only for calls whose banner was up in this tab', () => {
    const watched = applyView(
      applyView(emptyLiveState, aLiveCall('connected')),
      aLiveCall('ended'),
    );
    const neverSeen = applyView(emptyLiveState, aLiveCall('ended'));

    expect(phases(bannerCalls(watched))).toEqual(['ended']);
    expect(bannerCalls(neverSeen)).toEqual([]);
  });

  it('keeps a dismissed pop dismissed when the same call comes again or in a snapshot', () => {
    const hidden = hideCall(applyView(emptyLiveState, aLiveCall('ringing')), 'call_1');

    expect(screenPops(applyView(hidden, aLiveCall('ringing')))).toEqual([]);
    expect(screenPops(applySnapshot(hidden, [aLiveCall('ringing')]))).toEqual([]);
  });

  it('does not pop up calls the server says are not for the pop (shared lines, stale)', () => {
    const shared = applyView(
      emptyLiveState,
      aLiveCall('ringing', { screenPop: false, line: 'shared' }),
    );

    expect(screenPops(shared)).toEqual([]);
  });

  it('takes a snapshot as the whole truth, and notes a call that ended while it was away', () => {
    const connected = applyView(emptyLiveState, aLiveCall('connected'));
    const other = aLiveCall('dialing', { call: { ...aLiveCall('dialing').call, id: 'call_2' } });
    const after = applySnapshot(connected, [other]);

    const shown = bannerCalls(after).map((view) => [view.call.id, view.phase]);

    expect(shown.sort()).toEqual([
      ['call_1', 'ended'],
      ['call_2', 'dialing'],
    ]);
  });

  it('lists open call-back items, and drops one once it is closed', () => {
    const missed = applyView(emptyLiveState, aLiveCall('ended', { callBack: 'open' }));

    expect(callBackItems(missed)).toHaveLength(1);
    expect(callBackItems(applyView(missed, aLiveCall('ended', { callBack: null })))).toEqual([]);
  });
});
