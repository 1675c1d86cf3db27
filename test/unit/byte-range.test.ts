import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../src/integrations/zoom/recordings/byte-range.js';
import { rangeSlice } from '../../src/integrations/zoom/recordings/range-slice.js';

describe('parseRange', () => {
  const size = 1_000_000;

  it.each([
    ['bytes=0-1', { kind: 'part', start: 0, end: 1 }],
    ['bytes=100-', { kind: 'part', start: 100, end: 999_999 }],
    ['bytes=-500', { kind: 'part', start: 999_500, end: 999_999 }],
    ['bytes=-2000000', { kind: 'part', start: 0, end: 999_999 }],
    ['bytes=999999-5000000', { kind: 'part', start: 999_999, end: 999_999 }],
    ['bytes=2000000-', { kind: 'unsatisfiable' }],
    ['bytes=1000000-1000001', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=9-3', { kind: 'whole' }],
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    [undefined, { kind: 'whole' }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('rangeSlice', () => {
  it('cuts exactly the asked bytes out of a stream of any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 400 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.nat(),
        async (data, cuts, a, b) => {
          const source = Buffer.from(data);
          const start = a % source.length;
          const end = start + (b % (source.length - start));
          const chunks: Buffer[] = [];

          for (let at = 0, i = 0; at < source.length; i += 1) {
            const size = cuts[i % cuts.length] ?? 1;

            chunks.push(source.subarray(at, at + size));
            at += size;
          }

          const out = await buffer(Readable.from(chunks).pipe(rangeSlice(start, end)));

          expect(out).toEqual(source.subarray(start, end + 1));
        },
      ),
    );
  });
});
