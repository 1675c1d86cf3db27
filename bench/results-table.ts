import { mkdirSync, writeFileSync } from 'node:fs';

export interface ResultRow {
  figure: string;
  ours: number | string;
  baseline: number | string | null;
  goal: string;
  met: boolean;
}

/** A row with no goal ("—", or "reported: …") is a figure for the record, neither met nor not. */
export const hasGoal = (row: ResultRow) => !/^(—|reported)/.test(row.goal.trim());

/** The "met" cell: yes, **no**, or — for a row with no goal. */
export const metCell = (row: ResultRow) => (!hasGoal(row) ? '—' : row.met ? 'yes' : '**no**');

export const ratioOf = (row: ResultRow): number | null =>
  typeof row.ours === 'number' && typeof row.baseline === 'number' && row.baseline > 0
    ? row.ours / row.baseline
    : null;

export const show = (value: number | string | null) =>
  value === null ? '—' : typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : value;

/**
 * Writes one benchmark's table to bench/results-NAME.md and prints it. The same rows go to
 * bench/results-NAME.json, which `npm run bench` (bench/run-all.ts) gathers into one table.
 */
export function writeResults(name: string, title: string, rows: ResultRow[]): void {
  const lines = [
    title,
    '',
    '| figure | ours | baseline | ratio | goal | met |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => {
      const ratio = ratioOf(row)?.toFixed(2) ?? '—';

      return `| ${row.figure} | ${show(row.ours)} | ${show(row.baseline)} | ${ratio} | ${row.goal} | ${metCell(row)} |`;
    }),
  ];

  mkdirSync('bench', { recursive: true });
  writeFileSync(`bench/results-${name}.md`, `${lines.join('\n')}\n`);
  writeFileSync(`bench/results-${name}.json`, `${JSON.stringify({ name, title, rows }, null, 2)}\n`);
  console.warn(`\n${lines.join('\n')}\n`);
}
