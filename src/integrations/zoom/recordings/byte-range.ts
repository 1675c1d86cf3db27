/** What a Range header asks of a file of `size` bytes (RFC 9110 §14.1.2, one range only). */
export type RangeRequest =
  { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * `bytes=a-b`, `bytes=a-` and the suffix form `bytes=-n`. A header we do not understand, or
 * several ranges, is ignored and the whole file served, as RFC 9110 allows; a range that starts
 * past the end is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;

  if (!match) return { kind: 'whole' };

  const [, first = '', last = ''] = match;

  if (first === '' && last === '') return { kind: 'whole' };

  if (first === '') {
    const suffix = Number(last);

    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };

    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }

  const start = Number(first);

  // `bytes=9-3` is not a valid range at all: ignored, like any header we cannot read.
  if (last !== '' && Number(last) < start) return { kind: 'whole' };

  if (start >= size) return { kind: 'unsatisfiable' };

  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);

  return { kind: 'part', start, end };
}

/** `bytes 0-1/1000000`, the Content-Range of a 206. */
export const contentRange = (start: number, end: number, size: number) =>
  `bytes ${start}-${end}/${size}`;

// The total size out of an upstream Content-Range, whether `bytes 0-1/N` or the 416 form.
export function rangeTotal(header: string | null): number | null {
  const match = header ? /\/(\d+)\s*$/.exec(header) : null;

  return match ? Number(match[1]) : null;
}
