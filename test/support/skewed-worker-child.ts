import { openDatabase } from '../../src/db/database.js';
import { conformanceQueue, skewedJobName } from './conformance-queue.js';

// A worker process for the conformance suite, started with a clock far ahead
// (clock-ahead.ts): takes `skewedJobName` jobs and says so on stdout if it ever gets one.

const url = process.env.DATABASE_URL ?? '';
const database = openDatabase({ kind: 'postgres', url }, 4);
const queue = await conformanceQueue(database, url);

queue.register(skewedJobName, async ({ jobId }) => {
  process.stdout.write(`started ${jobId}\n`);
});
queue.start();
process.stdout.write('ready\n');
