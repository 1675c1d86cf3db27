import type { CallParty } from '../webhooks/phone-call-event.schema.js';
import { cleanLabel } from '../lib/text.js';
import { normalisePhone } from './phone-number.js';

export type ExternalKind = 'pstn' | 'hidden' | 'internal' | 'own_number';

export interface ExternalParty {
  kind: ExternalKind;
  /** What Zoom sent, kept verbatim so support can see it; null when Zoom sent nothing. */
  raw: string | null;
  e164: string | null;
  name: string | null;
}

/**
 * Decides who the other side of a call is, before any contact matching: only a real outside
 * number (`pstn`) may ever be matched. Hidden callers and placeholders (field report 13),
 * internal extensions and colleagues (report 14), and the agent's own numbers never are.
 */
export function classifyOtherParty(
  party: CallParty,
  settings: { region: string; ownNumbers: readonly string[] },
): ExternalParty {
  const name = cleanLabel(party.name);
  const extension =
    cleanLabel(party.extension_number == null ? '' : String(party.extension_number), 20) ?? '';
  const fromPstnExtension = party.extension_type === 'pstn' && extension.length >= 7;
  const raw = cleanLabel(party.phone_number, 60) || (fromPstnExtension ? extension : '') || null;

  if (party.user_id || (party.extension_type && party.extension_type !== 'pstn')) {
    return { kind: 'internal', raw: raw ?? (extension || null), e164: null, name };
  }

  if (!raw) {
    return extension
      ? { kind: 'internal', raw: extension, e164: null, name }
      : { kind: 'hidden', raw: null, e164: null, name };
  }

  const normalised = normalisePhone(raw, settings.region);

  if (!normalised) {
    const shortDigits = /^\d{1,6}$/.test(raw);

    return { kind: shortDigits ? 'internal' : 'hidden', raw, e164: null, name };
  }

  if (settings.ownNumbers.includes(normalised.e164)) {
    return { kind: 'own_number', raw, e164: normalised.e164, name };
  }

  return { kind: 'pstn', raw, e164: normalised.e164, name };
}
