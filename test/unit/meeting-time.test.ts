import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoomInstant } from '../../simulator/meetings/meeting-time.js';
import type { ActivityRow } from '../../src/crm/activities.repo.js';
import { meetingRequestFor } from '../../src/integrations/zoom/meetings/meeting-request.js';
import { zoomStartTime } from '../../src/integrations/zoom/meetings/meeting-time.js';

const anActivity = (fields: Partial<ActivityRow> = {}): ActivityRow => ({
  id: 'act_1',
  owner_id: 'user_1',
  contact_id: null,
  kind: 'showing',
  title: 'Virtual showing: 12 Elm St',
  notes: null,
  starts_at: Date.parse('2026-07-14T15:00:00Z'),
  time_zone: 'Europe/Berlin',
  duration_minutes: 30,
  created_at: 0,
  updated_at: 0,
  ...fields,
});

describe('the start time sent to Zoom', () => {
  it('field report 6: 17:00 Berlin (stored as 15:00Z) goes as Berlin wall-clock time', () => {
    expect(zoomStartTime(Date.parse('2026-07-14T15:00:00Z'), 'Europe/Berlin')).toEqual({
      start_time: '2026-07-14T17:00:00',
      timezone: 'Europe/Berlin',
    });
  });

  it('field report 6: resolves to 15:00Z the way Zoom reads it, unlike the buggy body', () => {
    const sent = zoomStartTime(Date.parse('2026-07-14T15:00:00Z'), 'Europe/Berlin');

    expect(zoomInstant(sent.start_time, sent.timezone ?? 'UTC')).toBe(
      Date.parse('2026-07-14T15:00:00Z'),
    );
    // The report's bug: UTC digits without Z, next to the zone, land two hours early.
    expect(zoomInstant('2026-07-14T15:00:00', 'Europe/Berlin')).toBe(
      Date.parse('2026-07-14T13:00:00Z'),
    );
  });

  it('without a zone, sends UTC with Z and no timezone', () => {
    expect(zoomStartTime(Date.parse('2026-07-14T15:00:00.000Z'), null)).toEqual({
      start_time: '2026-07-14T15:00:00Z',
    });
  });

  it('takes the offset of the meeting date, not of today, across DST changes', () => {
    // Vancouver springs forward on 2026-03-08 and falls back on 2026-11-01.
    expect(zoomStartTime(Date.parse('2026-03-07T18:00:00Z'), 'America/Vancouver').start_time).toBe(
      '2026-03-07T10:00:00',
    );
    expect(zoomStartTime(Date.parse('2026-03-09T17:00:00Z'), 'America/Vancouver').start_time).toBe(
      '2026-03-09T10:00:00',
    );
    expect(zoomStartTime(Date.parse('2026-11-02T18:00:00Z'), 'America/Vancouver').start_time).toBe(
      '2026-11-02T10:00:00',
    );
  });

  it('never mixes the two forms, and always resolves to the activity’s instant', () => {
    const zones = [
      'Europe/Berlin',
      'America/Vancouver',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      null,
    ];

    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse('2025-01-01T00:00:00Z') / 1000,
          max: Date.parse('2030-12-31T00:00:00Z') / 1000,
        }),
        fc.constantFrom(...zones),
        (seconds, zone) => {
          const sent = zoomStartTime(seconds * 1000, zone);
          const utcForm = sent.start_time.endsWith('Z');

          expect(utcForm).toBe(sent.timezone === undefined);
          expect(zoomInstant(sent.start_time, sent.timezone ?? 'UTC')).toBe(seconds * 1000);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the meeting an activity asks for', () => {
  it('takes its topic from the activity and the contact, with cloud recording on', () => {
    expect(meetingRequestFor(anActivity(), 'Jordan Sample')).toEqual({
      topic: 'Virtual showing: 12 Elm St · Jordan Sample',
      type: 2,
      start_time: '2026-07-14T17:00:00',
      timezone: 'Europe/Berlin',
      duration: 30,
      settings: { auto_recording: 'cloud' },
    });
  });

  it('keeps topic and agenda within Zoom’s limits (200 and 2000 characters)', () => {
    const request = meetingRequestFor(
      anActivity({ title: 'T'.repeat(250), notes: `${'n'.repeat(2500)}`, duration_minutes: null }),
      null,
    );

    expect([...(request?.topic ?? '')]).toHaveLength(200);
    expect([...(request?.agenda ?? '')]).toHaveLength(2000);
    expect(request?.agenda?.endsWith('…')).toBe(true);
    expect(request?.duration).toBe(30);
  });

  it('asks for nothing when the activity has no time', () => {
    expect(meetingRequestFor(anActivity({ starts_at: null }), null)).toBeNull();
  });
});

describe('a start time in the hour a DST change repeats', () => {
  it('is sent as UTC, the one form that names the instant (Vancouver, 2029-11-04 01:00 twice)', () => {
    const instant = 1888477200_000;
    const sent = zoomStartTime(instant, 'America/Vancouver');

    expect(sent).toEqual({ start_time: '2029-11-04T09:00:00Z' });
  });
});
