import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent } from '../support/connected-agent.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  leaveVoicemail,
  settledVoicemail,
  useSimulatorWhisper,
  whisperTraffic,
} from '../support/voicemail-scenarios.js';

// Bytes no real file holds, behind a WAV header so the app accepts them as audio.
// Made at run time, so it appears in no source file (the test runner caches its compiled
// sources in the temporary folder this test searches).
const canary = Buffer.from(`Q7canary${randomBytes(12).toString('hex')}AUDIO`);
const audio = Buffer.concat([
  Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'),
  Buffer.concat(Array.from({ length: 3000 }, () => canary)),
]);
const traces = [
  canary,
  Buffer.from(canary.toString('hex')),
  Buffer.from(canary.toString('base64')),
];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  useSimulatorWhisper(app);
});
afterAll(async () => app.close());

/** Files under `folder` changed since `since`, small enough to read. */
function filesChangedSince(folder: string, since: number, depth = 4): string[] {
  let entries: string[] = [];

  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }

  return entries.flatMap((name) => {
    const path = join(folder, name);

    try {
      const stat = statSync(path);

      if (stat.isDirectory()) return depth > 0 ? filesChangedSince(path, since, depth - 1) : [];

      return stat.isFile() && stat.mtimeMs >= since && stat.size < 64 * 1024 * 1024 ? [path] : [];
    } catch {
      return [];
    }
  });
}

function readIfStillThere(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);

    throw error;
  }
}

const holdsTrace = (bytes: Buffer) => traces.some((trace) => bytes.includes(trace));

describe('voicemail audio is never kept', () => {
  it('leaves no byte of the audio in files, the database or the logs', async () => {
    const since = Date.now() - 1000;
    const agent = await aConnectedAgent(app);
    const { voicemailId } = await leaveVoicemail(app, agent, {
      audio: { base64: audio.toString('base64'), contentType: 'audio/wav' },
    });
    const voicemail = await settledVoicemail(agent, ['done', 'failed'], voicemailId);

    // The audio did go through the app, in memory, to Whisper.
    expect(voicemail.status).toBe('done');
    expect((await whisperTraffic(app)).requests.at(-1)).toMatchObject({ bytes: audio.length });

    const files = [
      ...filesChangedSince(tmpdir(), since),
      ...filesChangedSince(resolve('data'), since),
    ];
    // Other processes on the machine make and delete temporary files meanwhile; one that is
    // gone by the time it is read held nothing of ours.
    const filesWithAudio = files.filter((path) => holdsTrace(readIfStillThere(path)));

    const { db, dialect } = app.started.context;

    // On SQLite the database file itself is among those read, so the scan does look somewhere.
    if (dialect === 'sqlite') expect(files.some((path) => path.endsWith('.sqlite'))).toBe(true);

    expect(filesWithAudio).toEqual([]);

    const tables =
      dialect === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
            db,
          )
        : await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema()`.execute(db);
    const tablesWithAudio: string[] = [];

    for (const { name } of tables.rows) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(db);
      const text = JSON.stringify(rows.rows, (_key, value) =>
        Buffer.isBuffer(value) ? value.toString('latin1') : value,
      );

      if (holdsTrace(Buffer.from(text, 'latin1'))) tablesWithAudio.push(name);
    }

    expect(tables.rows.map((row) => row.name)).toContain('voicemails');
    expect(tablesWithAudio).toEqual([]);
    expect(holdsTrace(Buffer.from(app.logs.join(''), 'latin1'))).toBe(false);
    expect(app.logs.join('')).toContain('voicemail transcribed');
  });
});
