import { describe, expect, it } from 'vitest';
import { judgeWriteFailure } from '../../src/integrations/zoom/meetings/meeting-write-failure.js';
import {
  meetingWriteFailure,
  ZoomLimitError,
  ZoomValidationError,
} from '../../src/zoom/meeting-failures.js';
import { ZoomError } from '../../src/zoom/zoom-error.js';

const now = Date.parse('2026-12-03T15:00:00Z');

function zoomAnswer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

async function failureOf(response: Response) {
  const failure = await meetingWriteFailure('meetings.create', response);

  if (!failure) throw new Error('no failure read');

  return failure;
}

// Field report 17 (b), the message quoted in the forum thread.
const dailyMessage =
  'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests ' +
  'permitted for this particular user. You may resume these requests at GMT 00:00:00.';

describe('Zoom’s answers to a meeting create or update', () => {
  it('field report 17 a: a Retry-After instant parks the write until exactly then', async () => {
    const failure = await failureOf(
      zoomAnswer(
        429,
        { code: 429, message: 'Too many requests' },
        { 'retry-after': '2026-12-04T00:00:00Z' },
      ),
    );
    const verdict = judgeWriteFailure(failure, 1, now);

    expect(failure).toBeInstanceOf(ZoomLimitError);
    expect(verdict).toMatchObject({ next: 'park', resumeAt: Date.parse('2026-12-04T00:00:00Z') });
    expect(verdict.problem.message).toBe('Zoom limit reached, try after 00:00 UTC');
  });

  it('field report 17 b: the daily cap without Retry-After parks until the next 00:00 UTC', async () => {
    const failure = await failureOf(zoomAnswer(429, { code: 429, message: dailyMessage }));
    const verdict = judgeWriteFailure(failure, 1, now);

    expect(verdict).toMatchObject({ next: 'park', resumeAt: Date.parse('2026-12-04T00:00:00Z') });
    expect(verdict.problem).toMatchObject({
      code: 'ZOOM_DAILY_LIMIT',
      message: 'Zoom limit reached, try after 00:00 UTC',
    });
  });

  it('field report 17 c: a per-second 429 is retried, but not past the fifth attempt', async () => {
    const failure = await failureOf(
      zoomAnswer(429, {
        code: 429,
        message:
          'You have reached the maximum per-second rate limit for this API. Try again later.',
      }),
    );

    expect((failure as ZoomLimitError).daily).toBe(false);
    expect(judgeWriteFailure(failure, 1, now).next).toBe('retry');
    expect(judgeWriteFailure(failure, 4, now).next).toBe('retry');
    expect(judgeWriteFailure(failure, 5, now)).toMatchObject({
      next: 'stop',
      problem: { code: 'ZOOM_UNAVAILABLE' },
    });
  });

  it('keeps code 300’s field errors for the agent, and stops at once', async () => {
    const failure = await failureOf(
      zoomAnswer(400, {
        code: 300,
        message: 'Validation Failed.',
        errors: [
          { field: 'settings.auto_recording', message: 'Cloud recording is not available.' },
        ],
      }),
    );
    const verdict = judgeWriteFailure(failure, 1, now);

    expect(failure).toBeInstanceOf(ZoomValidationError);
    expect(verdict).toEqual({
      next: 'stop',
      problem: {
        code: 'ZOOM_VALIDATION_FAILED',
        message: 'Validation Failed.',
        fields: [
          { field: 'settings.auto_recording', message: 'Cloud recording is not available.' },
        ],
      },
    });
  });

  it('stops on a dead grant and on Zoom’s other refusals, naming them', () => {
    const reconnect = new ZoomError(
      'meetings.create',
      401,
      { code: 124 },
      { outcome: 'reconnect' },
    );
    const refused = new ZoomError('meetings.create', 400, {
      code: 3161,
      zoomMessage: 'Your user account is not allowed meeting hosting and scheduling capabilities.',
    });

    expect(judgeWriteFailure(reconnect, 1, now).problem.code).toBe('ZOOM_RECONNECT_NEEDED');
    expect(judgeWriteFailure(refused, 1, now)).toMatchObject({
      next: 'stop',
      problem: { code: 'ZOOM_REFUSED', message: expect.stringContaining('hosting') },
    });
  });

  it('leaves other statuses to the generic reader', async () => {
    expect(
      await meetingWriteFailure('meetings.create', zoomAnswer(201, { id: 1 })),
    ).toBeUndefined();
  });
});
