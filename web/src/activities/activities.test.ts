import { describe, expect, it } from 'vitest';
import type { ZoomMeeting } from './activities.types.js';
import { activityInput, draftFromActivity, emptyActivityDraft } from './activity-draft.js';
import { meetingInFlux, meetingLine, transcriptLine } from './meeting-status.js';
import { markMatches, searchTurns } from './transcript-search.js';

describe('the activity form', () => {
  const draft = { ...emptyActivityDraft('Europe/Berlin'), title: 'Virtual showing' };

  it('field report 6: sends 2026-07-14 17:00 Berlin as the instant 15:00Z with its zone', () => {
    expect(activityInput({ ...draft, date: '2026-07-14', time: '17:00' })).toMatchObject({
      ok: true,
      input: {
        startsAt: '2026-07-14T15:00:00.000Z',
        timeZone: 'Europe/Berlin',
        durationMinutes: 30,
      },
    });
  });

  it('asks for both date and time, and refuses a time the clocks skip', () => {
    expect(activityInput({ ...draft, date: '2026-07-14' })).toEqual({
      ok: false,
      message: 'Give both a date and a time, or neither.',
    });
    expect(
      activityInput({ ...draft, date: '2026-03-29', time: '02:30', timeZone: 'Europe/Berlin' }),
    ).toMatchObject({ ok: false, message: expect.stringContaining('does not happen') });
  });

  it('reads a stored activity back in its own zone', () => {
    const read = draftFromActivity(
      {
        id: 'a',
        kind: 'consultation',
        title: 'Buyer consultation',
        notes: null,
        contactId: null,
        startsAt: '2026-07-14T15:00:00.000Z',
        timeZone: 'Europe/Berlin',
        durationMinutes: 45,
        createdAt: '',
        updatedAt: '',
      },
      'America/Vancouver',
    );

    expect(read).toMatchObject({ date: '2026-07-14', time: '17:00', timeZone: 'Europe/Berlin' });
  });
});

const aMeeting = (fields: Partial<ZoomMeeting> = {}): ZoomMeeting => ({
  id: 'm',
  activityId: 'a',
  state: 'created',
  zoomMeetingId: '81234567890',
  joinUrl: 'http://127.0.0.1:3001/j/81234567890',
  passcode: 'k7P2qR',
  startTime: '2026-07-14T15:00:00Z',
  timeZone: 'Europe/Berlin',
  sync: 'in_sync',
  problem: null,
  recording: 'waiting',
  transcript: { state: 'waiting', reason: null },
  updatedAt: '',
  ...fields,
});

describe('what the Meeting section says', () => {
  it('field report 17: the daily cap reads "Zoom limit reached, try after 00:00 UTC"', () => {
    const limited = aMeeting({
      state: 'limited',
      problem: {
        code: 'ZOOM_DAILY_LIMIT',
        message: 'Zoom limit reached, try after 00:00 UTC',
        fields: [],
        retryAt: '2026-12-04T00:00:00.000Z',
      },
    });

    expect(meetingLine(limited)).toMatch(/^Zoom limit reached, try after 00:00 UTC\./);
  });

  it('names each transcript state and reason, and keeps looking while one is on its way', () => {
    expect(transcriptLine(aMeeting({ transcript: { state: 'pending', reason: null } }))).toMatch(
      /pending/,
    );
    expect(
      transcriptLine(aMeeting({ transcript: { state: 'failed', reason: 'download_failed_auth' } })),
    ).toMatch(/sign-in page/);
    expect(
      transcriptLine(aMeeting({ transcript: { state: 'none', reason: 'no_recording' } })),
    ).toBe('No transcript. Nothing was recorded in this meeting.');
    expect(meetingInFlux(aMeeting({ transcript: { state: 'fetching', reason: null } }))).toBe(true);
    expect(meetingInFlux(aMeeting({ transcript: { state: 'ready', reason: null } }))).toBe(false);
  });
});

describe('searching a transcript', () => {
  const turns = [
    { speaker: 'Dana Reyes', text: 'The roof is new. The ROOF deck too.' },
    { speaker: 'Sam Ortiz', text: 'And the basement?' },
  ];

  it('marks every match, whatever its case', () => {
    expect(markMatches('The roof is new. The ROOF deck', 'roof')).toEqual([
      { text: 'The ', match: false },
      { text: 'roof', match: true },
      { text: ' is new. The ', match: false },
      { text: 'ROOF', match: true },
      { text: ' deck', match: false },
    ]);
  });

  it('shows only the turns that match, by words or by speaker; all of them without a query', () => {
    expect(searchTurns(turns, 'roof').map((turn) => [turn.index, turn.matches])).toEqual([[0, 2]]);
    expect(searchTurns(turns, 'ortiz').map((turn) => turn.index)).toEqual([1]);
    expect(searchTurns(turns, '  ')).toHaveLength(2);
    expect(searchTurns(turns, 'garage')).toEqual([]);
  });
});
