import { parseArgs } from 'node:util';
import { loadConfig, readDotEnv } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { findUserByEmail, upsertUser } from '../crm/users.repo.js';
import { audit } from '../privacy/audit.repo.js';
import { exportZoomData, purgeZoomData } from '../privacy/zoom-data.js';
import {
  addToAllowlist,
  listAllowlist,
  removeFromAllowlist,
} from '../integrations/zoom/pilot-allowlist.repo.js';

const usage = `Usage: npm run cli -- <command> [options]

  allowlist:list                         Zoom emails allowed to connect during the pilot
  allowlist:add --email EMAIL            allow a Zoom account (support, no redeploy needed)
  allowlist:remove --email EMAIL         remove one; an empty list means the pilot is over
  privacy:export --email EMAIL           print everything held from Zoom for that user (JSON)
  privacy:delete --email EMAIL           delete it (CRM records stay); both are audited
  user:create --email EMAIL --name NAME --password-stdin [--admin]
                                         create a 1Thing user, or reset their password;
                                         the password is read from standard input (one line),
                                         so it never shows in the shell history or npm's banner`;

/** Support's command line for what otherwise needs the admin page. Uses DATABASE_URL. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      admin: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig({ ...readDotEnv(), ...process.env });
  const database = openDatabase(config.database, 2);
  const now = Date.now();
  const out = (line: string) => process.stdout.write(`${line}\n`);

  try {
    await migrateToLatest(database);

    switch (command) {
      case 'allowlist:list': {
        const rows = await listAllowlist(database.db);

        if (rows.length === 0) {
          out('The allow list is empty: the pilot is over, every Zoom account may connect.');
        }

        for (const row of rows) {
          out(
            `${row.email}\tadded ${new Date(row.added_at).toISOString()} by ${row.added_by ?? '?'}`,
          );
        }

        return 0;
      }
      case 'allowlist:add':
        if (!values.email) break;
        await addToAllowlist(database.db, values.email, 'cli', now);
        out(`Allowed ${values.email.toLowerCase()}`);

        return 0;
      case 'allowlist:remove':
        if (!values.email) break;
        out((await removeFromAllowlist(database.db, values.email)) ? 'Removed' : 'Not on the list');

        return 0;
      case 'privacy:export':
      case 'privacy:delete': {
        const user = values.email ? await findUserByEmail(database.db, values.email) : undefined;

        if (!user) {
          console.error('No 1Thing user with that email.');
          break;
        }

        const exporting = command === 'privacy:export';
        const result = exporting
          ? await exportZoomData(database.db, user.id)
          : await purgeZoomData(database.db, user.id);

        await audit(
          database.db,
          {
            userId: user.id,
            actor: 'cli',
            action: exporting ? 'zoom_data_exported' : 'zoom_data_deleted',
          },
          now,
        );
        out(JSON.stringify(result, null, 2));

        return 0;
      }
      case 'user:create': {
        const password = values['password-stdin'] ? await readLine() : '';

        if (!values.email || !values.name || password.length < 8) {
          console.error('A name, an email and a password of at least 8 characters are needed.');
          break;
        }

        await upsertUser(
          database.db,
          {
            email: values.email,
            name: values.name,
            password,
            isAdmin: values.admin,
            defaultRegion: config.DEFAULT_PHONE_REGION,
          },
          now,
        );
        out(`User ${values.email.toLowerCase()} is ready${values.admin ? ' (admin)' : ''}`);

        return 0;
      }
    }

    console.error(usage);

    return 64;
  } finally {
    await database.close();
  }
}

async function readLine(): Promise<string> {
  const chunks: Buffer[] = [];

  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);

  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
