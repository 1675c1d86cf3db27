// `npm run bench`: every benchmark of the project, on SQLite and on PostgreSQL where the
// database matters, one after another (never side by side, so they do not load each other).
// Each benchmark measures itself beside its own baseline in the same run and leaves its rows
// in bench/results-NAME.json; this script gathers them into bench/results.md and rewrites the
// README's performance table from it. Usage: npm run bench [-- --only webhooks,vtt --quick];
// a partial or quick run writes bench/results-partial.md instead; --report re-renders the
// page and the README from the results files already there.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { hasGoal, metCell, ratioOf, show, type ResultRow } from './results-table.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    // Fewer rounds and smaller loads: for checking the harness, not for figures to quote.
    quick: { type: 'boolean', default: false },
    // Render bench/results.md and the README from the results files of an earlier run.
    report: { type: 'boolean', default: false },
  },
});

interface BenchRun {
  /** The results file's name: bench/results-NAME.json. */
  name: string;
  script: string;
  args: string[];
  quickArgs: string[];
}

const onBoth = (bench: string, args: string[], quickArgs: string[]): BenchRun[] =>
  (['sqlite', 'postgres'] as const).map((database) => ({
    name: `${bench}-${database}`,
    script: `bench/${bench}.bench.ts`,
    args: [...args, '--database', database],
    quickArgs,
  }));

const runs: BenchRun[] = [
  ...onBoth('webhooks', [], ['--seconds', '2', '--rounds', '1']),
  { name: 'vtt', script: 'bench/vtt.bench.ts', args: [], quickArgs: ['--rounds', '3'] },
  ...onBoth('events', [], ['--rounds', '1', '--trials', '30', '--clients', '1,100']),
  ...onBoth('backfill', [], ['--records', '2000', '--contacts', '10000']),
  { name: 'stream', script: 'bench/stream.bench.ts', args: [], quickArgs: ['--rounds', '1'] },
  ...onBoth('deauth', [], ['--agents', '5']),
  {
    name: 'scaling-postgres',
    script: 'bench/ingest-scaling.bench.ts',
    args: [],
    quickArgs: ['--seconds', '2', '--rounds', '1'],
  },
];

const wanted = values.only?.split(',').map((part) => part.trim());
const selected = runs.filter(
  (run) => !wanted || wanted.some((part) => run.name === part || run.name.startsWith(`${part}-`)),
);

interface Outcome {
  run: BenchRun;
  title: string;
  rows: ResultRow[];
  error?: string;
  seconds: number;
}

function readOutcome(run: BenchRun, seconds: number): Outcome {
  const resultFile = `bench/results-${run.name}.json`;

  if (!existsSync(resultFile)) {
    return { run, title: run.name, rows: [], error: 'no results file', seconds };
  }

  const written = JSON.parse(readFileSync(resultFile, 'utf8')) as {
    title: string;
    rows: ResultRow[];
  };

  return { run, title: written.title, rows: written.rows, seconds };
}

function runOne(run: BenchRun): Outcome {
  const resultFile = `bench/results-${run.name}.json`;
  const started = Date.now();

  // A stale file from an earlier run must not pass for this run's figures.
  rmSync(resultFile, { force: true });
  console.warn(`\n== ${run.name} ==`);

  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', run.script, ...run.args, ...(values.quick ? run.quickArgs : [])],
    { stdio: 'inherit', timeout: 20 * 60_000 },
  );
  const seconds = (Date.now() - started) / 1000;

  if (child.status !== 0 || !existsSync(resultFile)) {
    const why = child.error?.message ?? `exited with ${child.status ?? child.signal}`;

    return { run, title: run.name, rows: [], error: why, seconds };
  }

  return readOutcome(run, seconds);
}

function databaseOf(name: string) {
  if (name.endsWith('-postgres')) return 'PostgreSQL';
  if (name.endsWith('-sqlite')) return 'SQLite';

  return '—';
}

function renderTable(outcomes: Outcome[]) {
  const lines = [
    '| benchmark | database | figure | ours | baseline | ratio | goal | met |',
    '|---|---|---|---|---|---|---|---|',
  ];

  for (const outcome of outcomes) {
    const bench = outcome.run.name.replace(/-(sqlite|postgres)$/, '');
    const database = databaseOf(outcome.run.name);

    if (outcome.error) {
      lines.push(`| ${bench} | ${database} | did not finish: ${outcome.error} | | | | | **no** |`);
      continue;
    }

    for (const row of outcome.rows) {
      const ratio = ratioOf(row);

      lines.push(
        `| ${bench} | ${database} | ${row.figure} | ${show(row.ours)} | ${show(row.baseline)} | ` +
          `${ratio === null ? '—' : ratio.toFixed(2)} | ${row.goal} | ${metCell(row)} |`,
      );
    }
  }

  return lines.join('\n');
}

function renderPage(outcomes: Outcome[], table: string) {
  const rows = outcomes.flatMap((outcome) => outcome.rows);
  const goals = rows.filter(hasGoal);
  const missed = goals.filter((row) => !row.met).length + outcomes.filter((o) => o.error).length;

  return [
    '# Benchmark results',
    '',
    `${values.report ? 'Rendered by `npm run bench -- --report` from the results files of earlier runs' : 'Written by `npm run bench`'}${values.quick ? ' --quick (small loads: not figures to quote)' : ''} ` +
      `on ${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores ` +
      `(${cpus()[0]?.model.trim() ?? 'unknown CPU'}). Every figure is beside a baseline measured ` +
      'in the same run; ratios are ours ÷ baseline.',
    '',
    `${rows.length} figures, ${goals.length} with a goal: ` +
      `${missed === 0 ? 'every goal met' : `${missed} missed`}.`,
    '',
    table,
    '',
    '## What each benchmark measured',
    '',
    ...outcomes.map(
      (o) =>
        `- **${o.run.name}**${o.seconds ? ` (${o.seconds.toFixed(0)} s)` : ''}: ${o.error ? `failed, ${o.error}` : o.title}`,
    ),
    '',
  ].join('\n');
}

/** Replaces the README's generated table, between its two markers, with this run's. */
function updateReadme(table: string) {
  const start = '<!-- bench:results:start -->';
  const end = '<!-- bench:results:end -->';
  const readme = readFileSync('README.md', 'utf8');
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);

  if (from < 0 || to < from) {
    console.warn(`README.md has no ${start} … ${end} block; its table was not updated`);

    return;
  }

  const generated = `${start}\n<!-- Generated by npm run bench from bench/results.md; edit neither by hand. -->\n\n${table}\n\n`;

  writeFileSync('README.md', readme.slice(0, from) + generated + readme.slice(to));
}

const outcomes = values.report ? selected.map((run) => readOutcome(run, 0)) : selected.map(runOne);
const table = renderTable(outcomes);
// A partial run (--only) or a quick one must not pass for the full figures.
const partial = Boolean(wanted) || values.quick;
const page = partial ? 'bench/results-partial.md' : 'bench/results.md';

writeFileSync(page, renderPage(outcomes, table));
if (!partial) updateReadme(table);
console.warn(`\n${table}\n\nWritten to ${page}`);

if (outcomes.some((outcome) => outcome.error)) process.exitCode = 1;
