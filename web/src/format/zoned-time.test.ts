import { describe, expect, it } from 'vitest';
import { instantOf, wallTimeOf } from './zoned-time.js';

describe('an activity’s date and clock time in its zone', () => {
  it('field report 6: 2026-07-14 17:00 in Berlin is 15:00Z', () => {
    expect(instantOf({ date: '2026-07-14', time: '17:00' }, 'Europe/Berlin')).toEqual({
      ok: true,
      iso: '2026-07-14T15:00:00.000Z',
    });
  });

  it('uses the offset of that date, not of today, on both sides of a DST change', () => {
    const vancouver = (date: string) => instantOf({ date, time: '10:00' }, 'America/Vancouver');

    expect(vancouver('2026-03-07')).toEqual({ ok: true, iso: '2026-03-07T18:00:00.000Z' });
    expect(vancouver('2026-03-09')).toEqual({ ok: true, iso: '2026-03-09T17:00:00.000Z' });
    expect(vancouver('2026-11-02')).toEqual({ ok: true, iso: '2026-11-02T18:00:00.000Z' });
  });

  it('refuses a clock time skipped by spring forward, and takes the first of a repeated one', () => {
    expect(instantOf({ date: '2026-03-08', time: '02:30' }, 'America/Vancouver')).toEqual({
      ok: false,
      reason: 'nonexistent',
    });
    expect(instantOf({ date: '2026-11-01', time: '01:30' }, 'America/Vancouver')).toEqual({
      ok: true,
      iso: '2026-11-01T08:30:00.000Z',
    });
  });

  it('refuses dates that do not exist and unknown zones', () => {
    expect(instantOf({ date: '2026-02-30', time: '10:00' }, 'Europe/Berlin').ok).toBe(false);
    expect(instantOf({ date: '2026-02-10', time: '25:00' }, 'Europe/Berlin').ok).toBe(false);
    expect(instantOf({ date: '2026-02-10', time: '10:00' }, 'Mars/Olympus').ok).toBe(false);
  });

  it('reads an instant back as the date and time shown in the zone', () => {
    expect(wallTimeOf('2026-07-14T15:00:00Z', 'Europe/Berlin')).toEqual({
      date: '2026-07-14',
      time: '17:00',
    });
    expect(wallTimeOf('2026-07-14T15:00:00Z', 'Pacific/Auckland')).toEqual({
      date: '2026-07-15',
      time: '03:00',
    });
  });
});
