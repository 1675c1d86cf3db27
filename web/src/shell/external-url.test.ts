import { describe, expect, it } from 'vitest';
import { safeExternalUrl } from './external-url.js';

describe('safeExternalUrl', () => {
  it('accepts the local simulator address', () => {
    expect(safeExternalUrl('http://127.0.0.1:3001')).toBe('http://127.0.0.1:3001/');
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'not a url', ''])('refuses %j', (raw) => {
    expect(safeExternalUrl(raw)).toBeNull();
  });
});
