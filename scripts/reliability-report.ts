import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reliabilityFiguresFile } from '../test/support/reliability-figures.js';

/**
 * Writes docs/reliability.md from the figures the hardening tests recorded in this run.
 * `npm test` runs it after the suite; a run that recorded nothing leaves the page alone.
 */
interface RecordedFigure {
  area: string;
  fault: string;
  tried: number;
  wrong: number;
  wrongMeans: string;
  database: string | null;
}

function readFigures(): RecordedFigure[] {
  if (!existsSync(reliabilityFiguresFile)) return [];

  return readFileSync(reliabilityFiguresFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedFigure);
}

function databaseLabel(database: string | null) {
  if (database === 'postgres') return 'PostgreSQL';
  if (database === 'sqlite') return 'SQLite';

  return '—';
}

function render(figures: RecordedFigure[]) {
  const sorted = [...figures].sort(
    (a, b) =>
      a.area.localeCompare(b.area) ||
      a.fault.localeCompare(b.fault) ||
      databaseLabel(a.database).localeCompare(databaseLabel(b.database)),
  );
  const rows = sorted.map(
    (f) =>
      `| ${f.area} | ${f.fault} | ${databaseLabel(f.database)} | ${f.tried} | ${f.wrong} ${f.wrongMeans} | ${f.wrong === 0 ? 'yes' : '**no**'} |`,
  );
  const allMet = figures.every((f) => f.wrong === 0);

  return [
    '# Reliability figures',
    '',
    'Written by `scripts/reliability-report.ts` from what the hardening tests recorded during',
    '`npm test`; do not edit by hand. Each row is one test: the load or fault it applied, how many',
    'tries it made, and how many went wrong. The goal is 0 everywhere.',
    '',
    `Last run: ${new Date().toISOString().slice(0, 10)}, ${figures.length} figures, ${allMet ? 'all' : 'not all'} at 0.`,
    '',
    '| area | load or fault | database | tried | wrong | goal met |',
    '|---|---|---|---:|---|---|',
    ...rows,
    '',
  ].join('\n');
}

const figures = readFigures();

if (figures.length === 0) {
  process.stdout.write(
    'reliability report: no figures recorded in this run; docs/reliability.md left as is',
  );
} else {
  const target = join(import.meta.dirname, '..', 'docs', 'reliability.md');

  writeFileSync(target, render(figures));
  process.stdout.write(
    `reliability report: ${figures.length} figures written to docs/reliability.md\n`,
  );
}
