import { describe, expect, it } from 'vitest';
import { callBackNumber, dialTarget } from './dial-target.js';

describe('what a Call button dials', () => {
  it('dials the E.164 form in a zoomphonecall link', () => {
    expect(dialTarget({ e164: '+16045550147' })).toEqual({
      dialable: true,
      e164: '+16045550147',
      extension: null,
      uri: 'zoomphonecall://+16045550147',
    });
  });

  it('keeps an extension apart instead of dialling it as digits of the number', () => {
    const target = dialTarget({ e164: '+16045550199', extension: '204' });

    expect(target).toMatchObject({ uri: 'zoomphonecall://+16045550199', extension: '204' });
  });

  it.each([null, '6045550147', '+0123456789', '+1', '+1604555014712345', 'zoomphonecall://x'])(
    'gives no link for %s, with a reason',
    (e164) => {
      const target = dialTarget({ e164 });

      expect(target.dialable).toBe(false);
      expect(target).toMatchObject({ reason: expect.stringMatching(/cannot dial/) });
    },
  );

  it('offers a call back only to a real outside number', () => {
    expect(callBackNumber({ externalNumber: '+16045550147', match: 'none' })).toEqual({
      e164: '+16045550147',
    });
    expect(callBackNumber({ externalNumber: 'anonymous', match: 'unknown_caller' })).toBeNull();
    expect(callBackNumber({ externalNumber: '1009', match: 'internal' })).toBeNull();
    expect(callBackNumber({ externalNumber: null, match: 'none' })).toBeNull();
  });
});
