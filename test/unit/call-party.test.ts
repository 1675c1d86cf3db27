import { describe, expect, it } from 'vitest';
import { classifyOtherParty } from '../../src/crm/call-party.js';

const settings = { region: 'US', ownNumbers: ['+15125550110'] };

describe('who is on the other end of a call', () => {
  it('an outside caller with a number is a matchable PSTN party', () => {
    expect(
      classifyOtherParty({ name: 'WIRELESS CALLER', phone_number: '+15125550147' }, settings),
    ).toEqual({
      kind: 'pstn',
      raw: '+15125550147',
      e164: '+15125550147',
      name: 'WIRELESS CALLER',
    });
  });

  it.each([
    ['no phone_number', {}],
    ['anonymous', { phone_number: 'anonymous' }],
    ['Restricted', { phone_number: 'Restricted' }],
    ['empty', { phone_number: '' }],
    ['-1', { phone_number: '-1' }],
  ])('field report 13: a hidden caller (%s) is never matchable', (_name, party) => {
    const result = classifyOtherParty(party, settings);

    expect(result.kind).toBe('hidden');
    expect(result.e164).toBeNull();
  });

  it('field report 14: an internal extension with no number is internal, never a suffix match', () => {
    expect(classifyOtherParty({ extension_number: 1009 }, settings)).toMatchObject({
      kind: 'internal',
      raw: '1009',
      e164: null,
    });
    expect(
      classifyOtherParty({ phone_number: '1045', extension_number: 1045 }, settings).kind,
    ).toBe('internal');
  });

  it('a colleague (a Zoom user, or a queue) is internal even when a DID is shown', () => {
    expect(
      classifyOtherParty({ user_id: 'zu_2', phone_number: '+15125550111' }, settings).kind,
    ).toBe('internal');
    expect(
      classifyOtherParty({ extension_type: 'callQueue', phone_number: '+15125550112' }, settings)
        .kind,
    ).toBe('internal');
  });

  it('the agent’s own number is never matched to a contact', () => {
    expect(classifyOtherParty({ phone_number: '512-555-0110' }, settings).kind).toBe('own_number');
  });

  it('an outbound PSTN callee whose number sits only in extension_number is still PSTN', () => {
    expect(
      classifyOtherParty({ extension_type: 'pstn', extension_number: 15125550188 }, settings),
    ).toMatchObject({
      kind: 'pstn',
      e164: '+15125550188',
    });
  });
});
