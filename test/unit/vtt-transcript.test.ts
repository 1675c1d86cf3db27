import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readPlainCues } from '../../src/integrations/zoom/transcripts/vtt-fast-path.js';
import { parseTranscriptVtt } from '../../src/integrations/zoom/transcripts/vtt-transcript.js';

const entities = createRequire(import.meta.url)('webvtt-parser/html-entities.json');

// Field report 11, byte for byte: a UTF-8 BOM (decoded, U+FEFF) and CRLF line ends.
const fieldReport11 =
  '\uFEFFWEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:03.500\r\n' +
  'Dana Reyes: Hi, thanks for calling about 12 Elm St.\r\n\r\n2\r\n' +
  '00:00:03.600 --> 00:00:05.000\r\nSam Ortiz: Is it still available?\r\n';

const textOf = (input: string) => {
  const parsed = parseTranscriptVtt(input);

  if (!parsed.ok) throw new Error(`not parsed: ${parsed.reason}`);

  return parsed;
};

const cue = (n: number, line: string, start = n * 4) =>
  `${n}\n00:00:${String(start).padStart(2, '0')}.000 --> 00:00:${String(start + 3).padStart(2, '0')}.500\n${line}\n`;

describe('reading a Zoom transcript (VTT) into speaker turns', () => {
  it('field report 11: a BOM and CRLF line ends give exactly the two turns', () => {
    const parsed = textOf(fieldReport11);

    expect(parsed.text).toBe(
      'Dana Reyes: Hi, thanks for calling about 12 Elm St.\nSam Ortiz: Is it still available?',
    );
    expect(parsed.text).not.toMatch(/\r|\uFEFF|WEBVTT|-->|00:00/);
    expect(parsed.turns).toEqual([
      { speaker: 'Dana Reyes', text: 'Hi, thanks for calling about 12 Elm St.' },
      { speaker: 'Sam Ortiz', text: 'Is it still available?' },
    ]);
  });

  it('field report 11: the same file without BOM, with LF or with bare CR, reads the same', () => {
    const lf = fieldReport11.replace(/^\uFEFF/, '').replaceAll('\r\n', '\n');
    const cr = fieldReport11.replaceAll('\r\n', '\r');

    expect(textOf(lf).text).toBe(textOf(fieldReport11).text);
    expect(textOf(cr).text).toBe(textOf(fieldReport11).text);
  });

  it('merges consecutive cues of one speaker and joins the lines of a multi-line cue', () => {
    const vtt =
      'WEBVTT\n\n' +
      cue(1, 'Dana Reyes: The furnace is new.') +
      '\n' +
      cue(2, 'Dana Reyes: So is the roof,\nas of last spring.') +
      '\n' +
      cue(3, 'Sam Ortiz: Good to know.');

    expect(textOf(vtt).text).toBe(
      'Dana Reyes: The furnace is new. So is the roof, as of last spring.\nSam Ortiz: Good to know.',
    );
    expect(textOf(vtt).cueCount).toBe(3);
  });

  it('keeps colons that are speech: times, and everything after the first "Name: "', () => {
    const vtt =
      'WEBVTT\n\n' +
      cue(1, 'Sam Ortiz: Can we meet at 10:30: in the lobby?') +
      '\n' +
      cue(2, '12:00 works too');

    expect(textOf(vtt).turns).toEqual([
      { speaker: 'Sam Ortiz', text: 'Can we meet at 10:30: in the lobby?' },
      { speaker: null, text: '12:00 works too' },
    ]);
  });

  it('reads voice spans, tags and character references the way the WebVTT spec does', () => {
    const vtt =
      'WEBVTT\n\nNOTE recorded by Zoom\n\nSTYLE\n::cue { color: lime }\n\n' +
      '1\n00:00:01.000 --> 00:00:02.000 align:start\n<v Kim Ortiz>Price &amp; <b>terms</b> &lt;3</v>\n';

    expect(textOf(vtt).text).toBe('Kim Ortiz: Price & terms <3');
  });

  it('says a file is empty, or is not VTT (an HTML sign-in page, plain text)', () => {
    expect(parseTranscriptVtt('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseTranscriptVtt('\uFEFF \r\n')).toEqual({ ok: false, reason: 'empty' });
    expect(parseTranscriptVtt('WEBVTT\n\n')).toEqual({ ok: false, reason: 'empty' });
    expect(parseTranscriptVtt('<!doctype html><form>sign in</form>')).toEqual({
      ok: false,
      reason: 'not_vtt',
    });
    expect(parseTranscriptVtt('WEBVTTX\n\n1\n00:00:01.000 --> 00:00:02.000\nHi')).toEqual({
      ok: false,
      reason: 'not_vtt',
    });
  });

  it('keeps what arrived of a file cut inside a cue, and marks it incomplete', () => {
    const cut = 'WEBVTT\n\n' + cue(1, 'Dana Reyes: Welcome.') + '\n2\n00:00:08.000 --> 00:0';
    const parsed = textOf(cut);

    expect(parsed.text).toBe('Dana Reyes: Welcome.');
    expect(parsed.complete).toBe(false);
    expect(textOf(fieldReport11).complete).toBe(true);
  });

  it('reads every file exactly as webvtt-parser alone does, plain or not (the fast path is exact)', () => {
    const stamp = (seconds: number, hourDigits: number) => {
      const hours = String(Math.floor(seconds / 3600)).padStart(hourDigits, '0');
      const rest = new Date((seconds % 3600) * 1000).toISOString().slice(14, 23);

      return hourDigits === 0 ? rest : `${hours}:${rest}`;
    };
    const textLine = fc.constantFrom(
      'Dana Reyes: The roof is new.',
      'Sam Ortiz: Meet at 10:30: the lobby?',
      'Smith & Co. called',
      'Price &amp; terms &lt;3',
      '<v Kim Ortiz>Hello</v>',
      '<b>bold</b> words',
      'second line of a cue',
      '   ',
      'Jordan: ok',
    );
    const cue = fc.record({
      id: fc.constantFrom(null, 'n', 'cue-x', 'NOTE not a note'),
      gap: fc.constantFrom(0, 0.5, 2, 4),
      length: fc.constantFrom(3.5, 1, 0, -1),
      hourDigits: fc.constantFrom(2, 2, 0, 1, 3),
      settings: fc.constantFrom('', '', '', ' align:start'),
      lines: fc.array(textLine, { minLength: 0, maxLength: 3 }),
    });
    const block = fc.oneof(
      { weight: 8, arbitrary: cue },
      { weight: 1, arbitrary: fc.constant('NOTE a comment\nover two lines') },
      { weight: 1, arbitrary: fc.constant('STYLE\n::cue { color: lime }') },
    );
    const file = fc.record({
      signature: fc.constantFrom('WEBVTT', '\uFEFFWEBVTT', 'WEBVTT - Zoom transcript'),
      header: fc.constantFrom('', '', 'Kind: captions'),
      newline: fc.constantFrom('\n', '\r\n', '\r'),
      blocks: fc.array(block, { minLength: 1, maxLength: 12 }),
      separator: fc.constantFrom('\n\n', '\n\n\n'),
      cutAt: fc.option(fc.nat(), { freq: 4 }),
      // Half the files are kept in Zoom's plain shape, so both readings get exercised.
      plain: fc.boolean(),
    });

    let shortcuts = 0;

    fc.assert(
      fc.property(file, (doc) => {
        let at = 0;
        const items = doc.plain
          ? doc.blocks
              .filter((item) => typeof item !== 'string')
              .map((item) => ({
                ...item,
                id: item.id === 'NOTE not a note' ? null : item.id,
                gap: item.gap || 1,
                length: 3.5,
                hourDigits: 2,
                settings: '',
              }))
          : doc.blocks;
        const blocks = items.map((item) => {
          if (typeof item === 'string') return item;

          at += item.gap;

          const timing = `${stamp(at, item.hourDigits)} --> ${stamp(Math.max(0, at + item.length), item.hourDigits)}${item.settings}`;

          return [...(item.id ? [item.id] : []), timing, ...item.lines].join('\n');
        });
        const header = doc.plain ? '' : doc.header;
        let text = `${doc.signature}${header ? `\n${header}` : ''}${doc.separator}${blocks.join(doc.separator)}\n`;

        if (doc.cutAt !== null) text = text.slice(0, 8 + (doc.cutAt % text.length));

        text = text.replaceAll('\n', doc.newline);

        if (readPlainCues(text, entities)) shortcuts += 1;

        expect(parseTranscriptVtt(text)).toEqual(parseTranscriptVtt(text, { fastPath: false }));
      }),
      { numRuns: 1500 },
    );
    // Both kinds of file were generated, or the comparison would prove nothing.
    expect(shortcuts).toBeGreaterThan(300);
    expect(shortcuts).toBeLessThan(1200);
  });

  it('takes the shortcut for Zoom’s plain files and leaves everything else to webvtt-parser', () => {
    const plain = 'WEBVTT\n\n' + cue(1, 'Dana Reyes: Hello.') + '\n' + cue(2, 'Sam Ortiz: Hi.');

    expect(readPlainCues(fieldReport11, entities)?.trees).toHaveLength(2);
    expect(readPlainCues(plain, entities)?.complete).toBe(true);
    expect(
      readPlainCues(plain.replace('WEBVTT\n', 'WEBVTT\nKind: captions\n'), entities),
    ).toBeNull();
    expect(
      readPlainCues(
        plain.replace('00:00:04.000 --> 00:00:07.500', '00:00:04.000 --> 00:00:07.500 align:start'),
        entities,
      ),
    ).toBeNull();
    expect(readPlainCues(plain.replace('\n\n1\n', '\n\nNOTE hi\n\n1\n'), entities)).toBeNull();
  });

  it('gives back any conversation written as Zoom writes it, turn for turn', () => {
    const speaker = fc.constantFrom('Dana Reyes', 'Sam Ortiz', 'Kim Ortiz', 'Jordan Sample');
    const words = fc
      .array(
        fc.constantFrom('house', 'offer', '10:30', 'ok:', 'roof', 'St.', 'price', '$500,000'),
        {
          minLength: 1,
          maxLength: 8,
        },
      )
      .map((list) => list.join(' '));

    fc.assert(
      fc.property(fc.array(fc.tuple(speaker, words), { minLength: 1, maxLength: 30 }), (lines) => {
        const vtt =
          'WEBVTT\r\n\r\n' +
          lines
            .map(([who, said], index) =>
              cue(index + 1, `${who}: ${said}`, index).replaceAll('\n', '\r\n'),
            )
            .join('\r\n');
        const expected: string[] = [];

        for (const [who, said] of lines) {
          const last = expected.at(-1);

          if (last?.startsWith(`${who}: `)) expected[expected.length - 1] = `${last} ${said}`;
          else expected.push(`${who}: ${said}`);
        }

        expect(textOf(vtt).text).toBe(expected.join('\n'));
      }),
      { numRuns: 200 },
    );
  });
});
