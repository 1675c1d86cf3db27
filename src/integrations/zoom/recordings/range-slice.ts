import { Transform, type TransformCallback } from 'node:stream';

/**
 * Passes bytes `start`..`end` of a stream that begins at byte 0, for when Zoom answers a Range
 * request with the whole file (issue 6). Nothing is kept: skipped bytes are dropped as they
 * pass, and once the range is out the stream ends so the caller can close the upstream.
 */
export function rangeSlice(start: number, end: number): Transform {
  let position = 0;

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const chunkStart = position;

      position += chunk.length;

      if (position <= start || chunkStart > end) {
        done();

        if (chunkStart > end) this.push(null);

        return;
      }

      const from = Math.max(0, start - chunkStart);
      const to = Math.min(chunk.length, end - chunkStart + 1);

      this.push(chunk.subarray(from, to));

      if (position > end) this.push(null);

      done();
    },
  });
}
