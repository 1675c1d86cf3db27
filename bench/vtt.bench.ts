// Transcript parsing benchmark (issue 3): a generated two-hour Zoom transcript (~1,800 cues)
// read by our parser (parseTranscriptVtt: the exact plain-file path, webvtt-parser for markup
// and anything unusual) and, in the same run, by a naive split-on-blank-lines baseline that
// produces the same text for this well-formed file. All readings are checked to agree before
// anything is timed. Reports medians of alternating rounds, the ratio, the event-loop delay
// while parses run back to back, and, for the record, webvtt-parser reading the whole file.
// Goals: ≤ 3× the baseline, ≤ 25 ms per parse, event-loop delay ≤ 20 ms.
// Usage: npm run bench:vtt [-- --rounds 15 --runs 20]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseTranscriptVtt } from '../src/integrations/zoom/transcripts/vtt-transcript.js';
import { writeResults } from './results-table.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    runs: { type: 'string', default: '20' },
    cues: { type: 'string', default: '1800' },
  },
});
const rounds = Number(values.rounds);
const runs = Number(values.runs);
const cueCount = Number(values.cues);

const speakers = ['Avery Agent', 'Jordan Sample', 'Dana Reyes', 'Sam Ortiz'];
const phrases = [
  'The kitchen was redone in 2023, with quartz counters and a gas range.',
  'Is the basement finished?',
  'Yes: a rec room, a bathroom and a bedroom with an egress window.',
  'Could we see it in person on Saturday at 10:30?',
  'The offer deadline is Monday at 5:00 pm.',
  'What are the property taxes, roughly?',
  'About $4,800 a year, and the strata fee is $310 a month.',
  'Okay.',
  'The school catchment is Lord Byron Elementary, about a ten minute walk from the front door.',
  'Let me share my screen and walk you through the floor plan.',
];

/** A Zoom-shaped transcript: numbered cues, 4 s apart, runs of one speaker, some colons. */
function twoHourTranscript(cues: number): string {
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;

    return seed;
  };
  const stamp = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 23);
  const blocks: string[] = [];
  let speaker = speakers[0] ?? '';

  for (let index = 0; index < cues; index += 1) {
    if (next() % 3 === 0) speaker = speakers[next() % speakers.length] ?? speaker;

    const start = index * 4;
    const said = phrases[next() % phrases.length] ?? '';

    blocks.push(`${index + 1}\n${stamp(start)} --> ${stamp(start + 3.6)}\n${speaker}: ${said}`);
  }

  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

/** The naive way: split on blank lines, drop numbers and timings, merge one speaker's lines. */
function naiveTranscript(input: string): string {
  const turns: { speaker: string; text: string }[] = [];

  for (const block of input
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\n+/)
    .slice(1)) {
    const lines = block.split('\n');
    const timing = lines.findIndex((line) => line.includes('-->'));
    const text = lines
      .slice(timing + 1)
      .join(' ')
      .trim();

    if (timing === -1 || text === '') continue;

    const colon = text.indexOf(': ');
    const speaker = colon > 0 ? text.slice(0, colon) : '';
    const spoken = colon > 0 ? text.slice(colon + 2) : text;
    const last = turns.at(-1);

    if (last && last.speaker === speaker) last.text += ` ${spoken}`;
    else turns.push({ speaker, text: spoken });
  }

  return turns
    .map((turn) => (turn.speaker ? `${turn.speaker}: ${turn.text}` : turn.text))
    .join('\n');
}

function ours(input: string): string {
  const parsed = parseTranscriptVtt(input);

  if (!parsed.ok) throw new Error(`the generated transcript did not parse: ${parsed.reason}`);

  return parsed.text;
}

function libraryOnly(input: string): string {
  const parsed = parseTranscriptVtt(input, { fastPath: false });

  return parsed.ok ? parsed.text : '';
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function timeOne(parse: (input: string) => string, input: string): number {
  const started = performance.now();

  parse(input);

  return performance.now() - started;
}

async function main() {
  const vtt = twoHourTranscript(cueCount);

  if (ours(vtt) !== naiveTranscript(vtt) || ours(vtt) !== libraryOnly(vtt)) {
    throw new Error('ours, webvtt-parser alone and the baseline disagree');
  }

  // Warm-up: let every reader reach optimised code before anything counts.
  for (let index = 0; index < 30; index += 1) {
    ours(vtt);
    naiveTranscript(vtt);
    libraryOnly(vtt);
  }

  const times = { ours: [] as number[], baseline: [] as number[], library: [] as number[] };

  for (let round = 0; round < rounds; round += 1) {
    for (let run = 0; run < runs; run += 1) times.ours.push(timeOne(ours, vtt));
    for (let run = 0; run < runs; run += 1) times.baseline.push(timeOne(naiveTranscript, vtt));
    for (let run = 0; run < runs / 4; run += 1) times.library.push(timeOne(libraryOnly, vtt));
  }

  // Event-loop delay: parses scheduled one per turn of the loop, as transcript jobs would run.
  const delay = monitorEventLoopDelay({ resolution: 1 });

  delay.enable();

  for (let run = 0; run < rounds * runs; run += 1) {
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        ours(vtt);
        resolve();
      }),
    );
  }

  delay.disable();

  const oursMs = median(times.ours);
  const baselineMs = median(times.baseline);
  const libraryMs = median(times.library);
  const ratio = oursMs / baselineMs;
  const loopMaxMs = delay.max / 1e6;
  const loopP99Ms = delay.percentile(99) / 1e6;

  writeResults(
    'vtt',
    `VTT transcript parse: ${cueCount} cues (${(vtt.length / 1024).toFixed(0)} KB), ${rounds} rounds × ${runs} runs, medians; baseline splits on blank lines`,
    [
      {
        figure: 'parse time (ms)',
        ours: oursMs,
        baseline: baselineMs,
        goal: '≤ 3.00× baseline',
        met: ratio <= 3,
      },
      {
        figure: 'parse time (ms), absolute',
        ours: oursMs,
        baseline: null,
        goal: '≤ 25',
        met: oursMs <= 25,
      },
      {
        figure: `event-loop delay while parsing, max (ms); p99 ${loopP99Ms.toFixed(1)}`,
        ours: loopMaxMs,
        baseline: null,
        goal: '≤ 20',
        met: loopMaxMs <= 20,
      },
      {
        figure: 'for the record: webvtt-parser on the whole file (ms)',
        ours: libraryMs,
        baseline: baselineMs,
        goal: '—',
        met: true,
      },
    ],
  );
}

await main();
