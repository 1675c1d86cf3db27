import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { lineOfCall } from '../../src/integrations/zoom/live-calls/call-line.js';
import {
  deservesCallBack,
  livePhase,
  screenPopFreshMs,
  showsScreenPop,
  zoomCallUri,
} from '../../src/integrations/zoom/live-calls/live-call-rules.js';
import type { PhoneCallEvent } from '../../src/webhooks/phone-call-event.schema.js';

function aRingingEvent(object: Record<string, unknown> = {}, event = 'phone.callee_ringing') {
  return {
    event,
    payload: {
      account_id: 'acct_1',
      object: {
        call_id: '7290001112223339999',
        caller: { name: 'WIRELESS CALLER', phone_number: '+12065550188' },
        callee: { extension_type: 'user', user_id: 'zu_1', phone_number: '+12065550110' },
        ringing_start_time: '2026-12-03T15:00:00Z',
        ...object,
      },
    },
  } as unknown as PhoneCallEvent;
}

describe('which line an inbound call rang on (WEBHOOKS.md §3.0)', () => {
  it('a call dialled to the agent is on their own line', () => {
    expect(lineOfCall(aRingingEvent())).toBe('personal');
  });

  it.each(['callQueue', 'sharedLineGroup', 'sharedLines'])(
    'a call routed by a %s is on a shared line',
    (type) => {
      const routed = aRingingEvent({
        forwarded_by: { name: 'Sales Queue', extension_number: '2900', extension_type: type },
      });

      expect(lineOfCall(routed)).toBe('shared');
    },
  );

  it('an auto receptionist that puts the caller through to the agent keeps it personal', () => {
    const viaReceptionist = aRingingEvent({
      redirect_forwarded_by: { name: 'Main line', extension_type: 'autoReceptionist' },
    });

    expect(lineOfCall(viaReceptionist)).toBe('personal');
  });

  it('routing Zoom does not describe, or a callee that is not a user, counts as shared', () => {
    expect(lineOfCall(aRingingEvent({ forwarded_by: { name: 'Somewhere' } }))).toBe('shared');
    expect(lineOfCall(aRingingEvent({ forwarded_by: 'queue' }))).toBe('shared');
    expect(
      lineOfCall(aRingingEvent({ callee: { extension_type: 'commonArea', user_id: 'zu_1' } })),
    ).toBe('shared');
  });

  it('outbound calls are always the agent’s own', () => {
    expect(lineOfCall(aRingingEvent({}, 'phone.caller_ringing'))).toBe('personal');
  });
});

describe('the live phase of a call', () => {
  it.each([
    [{ status: 'ringing', direction: 'inbound' }, null, 'ringing'],
    [{ status: 'ringing', direction: 'outbound' }, null, 'dialing'],
    [{ status: 'connected', direction: 'inbound' }, null, 'connected'],
    [{ status: 'connected', direction: 'outbound' }, 'ending', 'ending'],
    [{ status: 'connected', direction: 'outbound' }, 'refused', 'refused'],
    [{ status: 'ended', direction: 'outbound' }, 'ending', 'ended'],
    [{ status: 'ended', direction: 'inbound' }, 'refused', 'ended'],
  ] as const)('%o with end state %s is %s', (call, endState, phase) => {
    expect(livePhase(call, endState)).toBe(phase);
  });
});

describe('the screen-pop and the call-back item', () => {
  const startedAt = Date.parse('2026-12-03T15:00:00Z');
  const ringing = { status: 'ringing', direction: 'inbound', started_at: startedAt } as const;
  const personal = { line: 'personal', end_state: null } as const;

  it('pops up a fresh ringing call on the agent’s own line only', () => {
    expect(showsScreenPop(ringing, personal, startedAt + 5_000)).toBe(true);
    expect(showsScreenPop(ringing, { ...personal, line: 'shared' }, startedAt + 5_000)).toBe(false);
    expect(showsScreenPop({ ...ringing, status: 'connected' }, personal, startedAt)).toBe(false);
    expect(showsScreenPop(ringing, personal, startedAt + screenPopFreshMs)).toBe(false);
  });

  const missed = {
    status: 'ended',
    direction: 'inbound',
    result: 'missed',
    external_kind: 'pstn',
    external_number_e164: '+12065550188',
  } as const;

  it('leaves a call-back item for a missed call or voicemail from a real number', () => {
    expect(deservesCallBack(missed, { line: 'personal' })).toBe(true);
    expect(deservesCallBack({ ...missed, result: 'voicemail' }, { line: 'personal' })).toBe(true);
  });

  it('leaves none for hidden callers, colleagues, shared lines, answered or rejected calls', () => {
    const none = [
      deservesCallBack(
        { ...missed, external_kind: 'hidden', external_number_e164: null },
        { line: 'personal' },
      ),
      deservesCallBack({ ...missed, external_kind: 'internal' }, { line: 'personal' }),
      deservesCallBack(missed, { line: 'shared' }),
      deservesCallBack({ ...missed, result: 'answered' }, { line: 'personal' }),
      deservesCallBack({ ...missed, result: 'rejected' }, { line: 'personal' }),
      deservesCallBack({ ...missed, direction: 'outbound' }, { line: 'personal' }),
    ];

    expect(none).toEqual([false, false, false, false, false, false]);
  });

  it('dials with Zoom’s URI and the plus sign (API.md §7)', () => {
    expect(zoomCallUri('+16045550147')).toBe('zoomphonecall://+16045550147');
  });
});

describe('ZOOM_CALL_COMMAND_PATH', () => {
  const variableAt = (value: string) => {
    try {
      return loadConfig({ ZOOM_CALL_COMMAND_PATH: value }).ZOOM_CALL_COMMAND_PATH;
    } catch (error) {
      return error instanceof ConfigError ? `bad ${error.variable}` : 'other error';
    }
  };

  it('defaults to the path the simulator serves, and may be emptied to switch End call off', () => {
    expect(loadConfig({}).ZOOM_CALL_COMMAND_PATH).toBe('/phone/users/me/calls/{callId}/command');
    expect(variableAt('')).toBe('');
    expect(variableAt('/phone/call_control/{callId}')).toBe('/phone/call_control/{callId}');
  });

  it.each([
    'phone/calls/{callId}',
    '/phone/calls/end',
    'https://evil.example/{callId}',
    '/a b/{callId}',
  ])('refuses %s, naming the variable', (value) => {
    expect(variableAt(value)).toBe('bad ZOOM_CALL_COMMAND_PATH');
  });
});
