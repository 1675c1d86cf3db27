import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeCallState, talkSeconds, type CallObservation } from '../../src/crm/call-state.js';

const ringing: CallObservation = { status: 'ringing', startedAt: 1_000 };
const answered: CallObservation = { status: 'connected', startedAt: 1_000, answeredAt: 6_000 };
const ended: CallObservation = {
  status: 'ended',
  startedAt: 1_000,
  answeredAt: 6_000,
  endedAt: 66_000,
  result: 'answered',
};

const fold = (events: CallObservation[]) =>
  events.reduce<ReturnType<typeof mergeCallState> | null>(
    (state, event) => mergeCallState(state, event),
    null,
  );

describe('a call record under out-of-order and repeated events', () => {
  it('ends up the same whatever order ringing, answered and ended arrive in', () => {
    const expected = {
      status: 'ended',
      result: 'answered',
      startedAt: 1_000,
      answeredAt: 6_000,
      endedAt: 66_000,
    };

    expect(fold([ringing, answered, ended])).toEqual(expected);
    expect(fold([ended, ringing])).toEqual(expected);
    expect(fold([ended, answered, ringing])).toEqual(expected);
  });

  it('a late ringing never reopens an ended call', () => {
    expect(fold([ended, ringing])?.status).toBe('ended');
  });

  it('an answered outcome outranks a missed leg of the same call', () => {
    expect(fold([{ status: 'ended', result: 'missed', endedAt: 9_000 }, ended])?.result).toBe(
      'answered',
    );
    expect(fold([ended, { status: 'ended', result: 'missed', endedAt: 9_000 }])?.result).toBe(
      'answered',
    );
  });

  it('is order-independent and idempotent for any sequence of these events', () => {
    const events = fc.constantFrom(ringing, answered, ended);

    fc.assert(
      fc.property(fc.array(events, { minLength: 1, maxLength: 8 }), (sequence) => {
        const forward = fold(sequence);
        const reversed = fold([...sequence].reverse());
        const doubled = fold([...sequence, ...sequence]);

        expect(reversed).toEqual(forward);
        expect(doubled).toEqual(forward);
      }),
    );
  });

  it('talk time runs from answer to end', () => {
    expect(talkSeconds(fold([ended])!)).toBe(60);
    expect(talkSeconds(fold([ringing])!)).toBeNull();
  });
});

describe('a call picked up, whose ended event does not say so', () => {
  const answeredOnly: CallObservation = {
    status: 'connected',
    startedAt: 1_000,
    answeredAt: 6_000,
  };
  const bareEnd: CallObservation = {
    status: 'ended',
    startedAt: 1_000,
    endedAt: 66_000,
    result: 'missed',
  };

  it('is answered in every order of answered and a bare ended event', () => {
    for (const sequence of [
      [ringing, answeredOnly, bareEnd],
      [bareEnd, answeredOnly],
      [answeredOnly, bareEnd, ringing],
    ]) {
      expect(fold(sequence)).toMatchObject({ status: 'ended', result: 'answered' });
    }
  });

  it('keeps voicemail, and a rejected call that was never answered stays rejected', () => {
    const voicemail: CallObservation = {
      status: 'ended',
      answeredAt: 6_000,
      endedAt: 9_000,
      result: 'voicemail',
    };

    expect(fold([voicemail])?.result).toBe('voicemail');
    expect(fold([ringing, { status: 'ended', endedAt: 9_000, result: 'rejected' }])?.result).toBe(
      'rejected',
    );
  });

  it('is order-independent for any mix including bare ends', () => {
    const events = fc.constantFrom(ringing, answeredOnly, bareEnd, ended);

    fc.assert(
      fc.property(fc.array(events, { minLength: 1, maxLength: 8 }), (sequence) => {
        expect(fold([...sequence].reverse())).toEqual(fold(sequence));
      }),
    );
  });
});
