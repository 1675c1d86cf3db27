import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/crm/phone-number.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';

// Properties of the one function every contact match goes through: it never throws, what it
// returns is an E.164 key (plus an extension apart) or null, and it is idempotent.
const regions = fc.constantFrom('US', 'CA', 'GB', 'FR', 'DE', 'AU', 'IN', 'BR', 'JP', 'MX');
const separator = fc.constantFrom('', ' ', '-', '.', ' - ', '/');
const runs = 3000;

/** Text shaped like what people type and Zoom sends: prefixes, groups, separators, extensions. */
const phoneLike = fc
  .record({
    prefix: fc.constantFrom('', '+', '00', '+1 ', '1', '+44 ', '(', '011 '),
    groups: fc.array(fc.stringMatching(/^\d{1,4}$/), { minLength: 1, maxLength: 5 }),
    separator,
    extension: fc.option(
      fc.tuple(
        fc.constantFrom(' x', 'x', ' ext. ', ' ext ', ';ext=', ' #', ' extension '),
        fc.stringMatching(/^\d{1,6}$/),
      ),
      { nil: undefined },
    ),
  })
  .map(
    ({ prefix, groups, separator: sep, extension }) =>
      `${prefix}${groups.join(sep)}${extension ? extension.join('') : ''}`,
  );

function checkShape(raw: string, region: string) {
  const result = normalisePhone(raw, region);

  if (result === null) return;

  expect(result.e164).toMatch(/^\+[1-9]\d{6,14}$/);
  expect(result.extension === null || /^\d{1,20}$/.test(result.extension)).toBe(true);
}

describe('phone number normalisation, as properties', () => {
  it('never throws, and returns E.164 with the extension apart, or null', () => {
    fc.assert(fc.property(phoneLike, regions, checkShape), { numRuns: runs });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), regions, checkShape), {
      numRuns: runs,
    });
    recordReliabilityFigure({
      area: 'Property tests',
      fault: 'generated and arbitrary text through the phone normaliser',
      tried: 2 * runs,
      wrong: 0,
      wrongMeans: 'threw or returned a non-E.164 key',
    });
  });

  it('is idempotent: a normalised number (with its extension) normalises to itself, in any region', () => {
    fc.assert(
      fc.property(phoneLike, regions, regions, (raw, region, otherRegion) => {
        const first = normalisePhone(raw, region);

        if (first === null) return;

        const written = first.extension ? `${first.e164};ext=${first.extension}` : first.e164;

        expect(normalisePhone(first.e164, otherRegion)).toEqual({
          e164: first.e164,
          extension: null,
        });
        expect(normalisePhone(written, region)).toEqual(first);
      }),
      { numRuns: runs },
    );
    recordReliabilityFigure({
      area: 'Property tests',
      fault: 'normalised phone numbers normalised again (idempotence)',
      tried: runs,
      wrong: 0,
      wrongMeans: 'changed on the second pass',
    });
  });
});

describe('numbers longer than E.164 allows', () => {
  it('found by the property above: a 16-digit German number is not a match key', () => {
    expect(normalisePhone('90000000000000', 'DE')).toBeNull();
    expect(normalisePhone('+4990000000000000', 'US')).toBeNull();
    expect(normalisePhone('+49 30 901820', 'US')?.e164).toBe('+4930901820');
  });
});

describe('numbers shorter than a match key once the international prefix is gone', () => {
  it('found by the property above: "00989000" in Germany is +98 9000, too short to match on', () => {
    expect(normalisePhone('00989000', 'DE')).toBeNull();
    expect(normalisePhone('+989000', 'US')).toBeNull();
    expect(normalisePhone('0049 30 901820', 'FR')?.e164).toBe('+4930901820');
  });
});
