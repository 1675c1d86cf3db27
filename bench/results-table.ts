import { mkdirSync, writeFileSync } from 'node:fs';

export interface ResultRow {
  figure: string;
  ours: number | string;
  baseline: number | string | null;
  goal: string;
  met: boolean;
}

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

      return `| ${row.figure} | ${show(row.ours)} | ${show(row.baseline)} | ${ratio} | ${row.goal} | ${row.met ? 'yes' : 'no'} |`;
    }),
  ];

  mkdirSync('bench', { recursive: true });
  writeFileSync(`bench/results-${name}.md`, `${lines.join('\n')}\n`);
  writeFileSync(`bench/results-${name}.json`, `${JSON.stringify({ name, title, rows }, null, 2)}\n`);
  console.warn(`\n${lines.join('\n')}\n`);
}
