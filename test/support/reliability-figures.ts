import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One measured line of docs/reliability.md: what a hardening test tried and how many of those
 * tries went wrong (an event lost, a forgery accepted, a cross-user read). The table is built
 * from these records after the run, so its numbers cannot drift from what the tests saw.
 */
export interface ReliabilityFigure {
  /** The test area, e.g. "Webhook signatures". */
  area: string;
  /** What was done to the app, e.g. "1,000 forged signatures". */
  fault: string;
  tried: number;
  /** Lost events, wrongly accepted requests or leaked rows: the goal is 0. */
  wrong: number;
  /** How `wrong` is counted, e.g. "accepted" or "lost". */
  wrongMeans: string;
}

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const reliabilityFiguresFile = join(projectRoot, 'test-results', 'reliability.jsonl');

/**
 * Appends a figure. Call it after the assertions that check the same numbers, so a failing
 * test records nothing it did not prove. Each line is one small write, so test files running
 * in parallel do not interleave within a line.
 */
export function recordReliabilityFigure(figure: ReliabilityFigure): void {
  mkdirSync(dirname(reliabilityFiguresFile), { recursive: true });
  appendFileSync(
    reliabilityFiguresFile,
    `${JSON.stringify({ ...figure, database: process.env.TEST_DB ?? null })}\n`,
  );
}
