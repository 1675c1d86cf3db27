import { describe, expect, it } from 'vitest';
import { isolateBidi } from './bidi-isolate.js';

describe('isolating other people’s text inside our sentences', () => {
  it('leaves plain left-to-right names as they are', () => {
    expect(isolateBidi('Jordan Sample')).toBe('Jordan Sample');
    expect(isolateBidi('Zoë O’Brien-Łukasz')).toBe('Zoë O’Brien-Łukasz');
  });

  it('wraps a name with an override, an isolate or right-to-left letters in FSI … PDI', () => {
    for (const name of ['\u202Eexe.evil', 'a\u2067b', 'דנה כהן', 'سارا']) {
      expect(isolateBidi(name)).toBe(`\u2068${name}\u2069`);
    }
  });
});
