import webvttParser from 'webvtt-parser';
import type { Entity, Tree } from 'webvtt-parser';

const { WebVTTCueTextParser } = webvttParser;

/**
 * A quicker reading of the plain files Zoom writes, giving exactly the cues webvtt-parser gives
 * for them, and giving up (null) on anything else so the caller hands the file to the library.
 *
 * Why: webvtt-parser reads every character through its spec tokenizers and takes about 20 ms
 * on a two-hour transcript, more than 20 times a naive split (bench/vtt.bench.ts), which blocks
 * the event loop for as long. Zoom's transcripts use a small corner of WebVTT: numbered cues,
 * `HH:MM:SS.mmm --> HH:MM:SS.mmm` without settings, plain text lines. In that corner the
 * library's result is known exactly: the cue text becomes one text node, and cues keep file
 * order. Cue text with markup (`<`, `&`) still goes through the library's own cue-text parser.
 * Anything else the library would report as an error, or treat specially (header lines, NOTE
 * and STYLE blocks, settings, odd timestamps, NUL, cues out of order or of no length), makes
 * this return null. test/unit/vtt-transcript.test.ts holds the two readings equal on generated
 * files of both kinds.
 */
export function readPlainCues(
  input: string,
  entities: Record<Entity, string>,
): { trees: Tree[]; complete: boolean } | null {
  if (input.includes('\0')) return null;

  // Splitting on one character is much quicker than on the three line ends; same lines.
  const lines = input.includes('\r') ? input.split(/\r\n|\r|\n/) : input.split('\n');

  // The signature line is checked by the caller; a header after it is left to the library.
  if (lines.length > 1 && lines[1] !== '') return null;

  const trees: Tree[] = [];
  let previousStart = -1;
  let index = 1;
  // The library counts a markup error in the last cue (a file cut after `&`, say) as a cut.
  let lastCueFlawed = false;

  for (;;) {
    while (index < lines.length && lines[index] === '') index += 1;

    if (index >= lines.length) return { trees, complete: !lastCueFlawed };

    let timing = lines[index] ?? '';

    if (!timing.includes('-->')) {
      if (/^(NOTE|STYLE)($|[ \t])/.test(timing)) return null;

      index += 1;
      timing = lines[index] ?? '';
    }

    const times = plainTiming.exec(timing);

    if (!times) return null;

    const start = seconds(times[1], times[2], times[3], times[4]);
    const end = seconds(times[5], times[6], times[7], times[8]);

    // The library reports these, and sorts equal starts by length; leave them to it.
    if (start <= previousStart || end <= start) return null;

    previousStart = start;
    index += 1;

    let text = '';

    while (index < lines.length && lines[index] !== '') {
      const line = lines[index] ?? '';

      if (line.includes('-->')) return null;

      text = text === '' ? line : `${text}\n${line}`;
      index += 1;
    }

    lastCueFlawed = false;

    if (text.includes('<') || text.includes('&')) {
      const flag = () => {
        lastCueFlawed = true;
      };

      trees.push(new WebVTTCueTextParser(text, flag, undefined, entities).parse(start, end));
    } else {
      trees.push({ children: [{ type: 'text', value: text }] });
    }
  }
}

// `MM:SS.mmm` or `HH…:MM:SS.mmm`, minutes and seconds below 60 (WebVTT §4.5, timestamps).
const stamp = String.raw`(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})`;
const plainTiming = new RegExp(`^${stamp}[ \\t]+-->[ \\t]+${stamp}$`);

function seconds(
  hours: string | undefined,
  minutes: string | undefined,
  secs: string | undefined,
  millis: string | undefined,
): number {
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(secs) + Number(millis) / 1000;
}
