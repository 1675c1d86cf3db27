import { describe, expect, it } from 'vitest';
import { formatTalkTime } from './talk-time.js';

describe('formatTalkTime', () => {
  it.each([
    [0, '0:00'],
    [7, '0:07'],
    [60, '1:00'],
    [75, '1:15'],
    [599, '9:59'],
    [3725, '62:05'],
    [59.6, '1:00'],
  ])('shows %s seconds as %s', (seconds, text) => {
    expect(formatTalkTime(seconds)).toBe(text);
  });

  it.each([null, -1, Number.NaN, Number.POSITIVE_INFINITY])('shows a dash for %s', (seconds) => {
    expect(formatTalkTime(seconds)).toBe('—');
  });
});
