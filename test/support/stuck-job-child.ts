import { openDatabase } from '../../src/db/database.js';
import { conformanceQueue, stuckJobName } from './conformance-queue.js';

// A worker process for the conformance suite: takes `stuckJobName` jobs, says so on stdout,
// and never finishes them. The test kills it with SIGKILL, as a crash would.

const url = process.env.DATABASE_URL ?? '';
const database = openDatabase(
  url.startsWith('sqlite:') ? { kind: 'sqlite', path: url.slice(7) } : { kind: 'postgres', url },
  4,
);
const queue = await conformanceQueue(database, url);

queue.register(stuckJobName, async ({ jobId }) => {
  process.stdout.write(`started ${jobId}\n`);
  await new Promise(() => {});
});
queue.start();
