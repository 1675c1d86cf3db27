import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** A phone number reduced to the key contact matching compares: E.164 plus any extension. */
export interface NormalisedPhone {
  e164: string;
  extension: string | null;
}

// Shorter digit strings are Zoom extensions or carrier placeholders ("-1"), never a number we
// can match on (field reports 13 and 14). The shortest national numbers in use have 7 digits.
const minimumDigits = 7;
// '+' and at most 15 digits (ITU-T E.164 §6.1).
const e164MaxLength = 16;

/**
 * Parses what a person typed or what Zoom sent. National numbers take `region` (the owner's
 * default). Returns null for hidden callers, placeholders, extensions and anything that is not
 * a valid phone number, so such values can never link a call to a contact.
 */
export function normalisePhone(
  raw: string | null | undefined,
  region: string,
): NormalisedPhone | null {
  if (!raw) return null;

  const text = raw.trim();
  const numberPart = text.split(/(?:;ext=|\s*(?:ext\.?|extension|x|#)\s*\d+$)/i)[0] ?? '';

  if (numberPart.replace(/\D/g, '').length < minimumDigits) return null;

  const parsed = parsePhoneNumberFromString(text, region.toUpperCase() as CountryCode);

  // Valid, not merely possible: placeholders such as 000-000-0000 or 111-111-1111 have the
  // right length but no real numbering plan behind them, and must never become a match key.
  if (!parsed || !parsed.isValid()) return null;

  // E.164 allows at most 15 digits; libphonenumber's metadata accepts a few longer German
  // numbers (+49 900… with 14 national digits), which no dialler takes (issue 9).
  if (parsed.number.length > e164MaxLength) return null;

  // The digit count above includes any international prefix typed ("00…"); the key itself must
  // be as long, or normalising the key again would refuse it (found by the property test).
  if (parsed.number.length - 1 < minimumDigits) return null;

  return { e164: parsed.number, extension: parsed.ext ?? null };
}

/** How a number reads to a person: national format at home, international elsewhere. */
export function formatPhone(e164: string, region: string): string {
  const parsed = parsePhoneNumberFromString(e164);

  if (!parsed) return e164;

  return parsed.country === region.toUpperCase()
    ? parsed.formatNational()
    : parsed.formatInternational();
}
