// The bytes of one simulated voicemail or recording: a real fixture file, bytes given by a
// test, or a large synthetic MP3-looking body made on the fly (an ID3 header, then a repeating
// pattern) so a 200 MB recording costs no memory.
import { Readable } from 'node:stream';

export type AudioSource =
  | { kind: 'bytes'; bytes: Buffer; contentType: string }
  | { kind: 'synthetic'; size: number; contentType: string };

const chunkSize = 64 * 1024;
const fill = 'simulated-audio-';
const period = fill.length;
const pattern = Buffer.alloc(chunkSize + period, fill);
const id3 = Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1');

export function sizeOf(source: AudioSource): number {
  return source.kind === 'bytes' ? source.bytes.length : source.size;
}

/** Bytes `start`..`end` (inclusive) as a stream that respects backpressure. */
export function streamOf(source: AudioSource, start: number, end: number): Readable {
  if (source.kind === 'bytes') return Readable.from([source.bytes.subarray(start, end + 1)]);

  let position = start;

  return new Readable({
    read() {
      if (position > end) {
        this.push(null);

        return;
      }

      const length = Math.min(chunkSize, end - position + 1);
      const offset = position % period;
      // The shared pattern is never written to, so chunks are views of it: a 200 MB body
      // allocates nothing but its first chunk, which carries the tag.
      let chunk = pattern.subarray(offset, offset + length);

      if (position < id3.length) {
        chunk = Buffer.from(chunk);
        id3.copy(chunk, 0, position);
      }

      position += length;
      this.push(chunk);
    },
  });
}

/** The whole body in memory, for the voicemail downloads (Zoom voicemails are small). */
export function bytesOf(source: AudioSource): Buffer {
  if (source.kind === 'bytes') return source.bytes;

  const bytes = Buffer.alloc(source.size, fill);

  id3.copy(bytes, 0);

  return bytes;
}
