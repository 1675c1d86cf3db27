import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/crm/phone-number.js';

describe('phone number normalisation', () => {
  it.each(['+15125550147', '15125550147', '5125550147', '512.555.0147', '+1 (512) 555-0147'])(
    'field report 12: %s becomes the E.164 key +15125550147 (region US)',
    (raw) => {
      expect(normalisePhone(raw, 'US')).toEqual({ e164: '+15125550147', extension: null });
    },
  );

  it('field report 14: keeps an extension apart from the number in every common spelling', () => {
    for (const raw of [
      '+1 512 555 0100 x204',
      '+1 512 555 0100x204',
      '+1 512 555 0100 ext. 204',
      '+1 512 555 0100;ext=204',
    ]) {
      expect(normalisePhone(raw, 'US'), raw).toEqual({ e164: '+15125550100', extension: '204' });
    }
  });

  it.each([undefined, null, '', 'anonymous', 'Restricted', '-1', '1009', '204', 'x204', '555 014'])(
    'field report 13/14: %s is not a number we can match',
    (raw) => {
      expect(normalisePhone(raw, 'US')).toBeNull();
    },
  );

  it('reads national numbers with the owner region: a Canadian default keeps 604 numbers Canadian', () => {
    expect(normalisePhone('604-555-0123', 'CA')?.e164).toBe('+16045550123');
    expect(normalisePhone('020 7946 0958', 'GB')?.e164).toBe('+442079460958');
  });

  it('never throws and never returns a key shorter than 8 characters, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('US', 'CA', 'GB', 'FR'),
        (raw, region) => {
          const result = normalisePhone(raw, region);

          return result === null || (/^\+\d{7,15}$/.test(result.e164) && result.e164.length >= 8);
        },
      ),
    );
  });

  it('is stable: normalising an E.164 key gives the same key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[2-9]\d{2}[2-9]\d{6}$/), (digits) => {
        const first = normalisePhone(digits, 'US');

        return first === null || normalisePhone(first.e164, 'US')?.e164 === first.e164;
      }),
    );
  });
});

describe('numbers that look possible but are not real', () => {
  it.each(['000-000-0000', '0000000000', '1111111111', '9999999999', '555-0147', '1234567'])(
    '%s is refused as a match key (it has the length of a number, not a numbering plan)',
    (raw) => {
      expect(normalisePhone(raw, 'US')).toBeNull();
      expect(normalisePhone(raw, 'CA')).toBeNull();
    },
  );
});
