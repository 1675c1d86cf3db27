import { rmSync } from 'node:fs';
import { reliabilityFiguresFile } from './reliability-figures.js';

/** Each run starts with no reliability figures, so the report shows this run's only. */
export default function setup() {
  rmSync(reliabilityFiguresFile, { force: true });
}
