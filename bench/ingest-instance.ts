// One app instance for the ingest-scaling benchmark, in a process of its own so that its CPU
// time can be read from /proc. Serves HTTP only (no job worker), like ROLE=web, on the
// DATABASE_URL it is given; prints "LISTENING <url>" once it accepts requests.
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { buildServer } from '../src/http/server.js';
import { createLogger } from '../src/lib/logger.js';
import { benchWebhookSecret } from './webhook-load.js';

const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl) throw new Error('ingest-instance needs DATABASE_URL');

const config = loadConfig({
  DATABASE_URL: databaseUrl,
  ROLE: 'web',
  ZOOM_CLIENT_ID: 'bench',
  ZOOM_CLIENT_SECRET: 'bench',
  ZOOM_WEBHOOK_SECRET_TOKEN: benchWebhookSecret,
  TOKEN_ENCRYPTION_KEY: 'e'.repeat(64),
  PUBLIC_URL: 'http://127.0.0.1:3000',
  LOG_LEVEL: 'warn',
});
const started = await createApp(config, createLogger(config.LOG_LEVEL));
const server = await buildServer(started.context);
const address = await server.listen({ port: 0, host: '127.0.0.1' });

process.stdout.write(`LISTENING ${address}/webhooks/zoom\n`);
process.on('SIGTERM', () => {
  void server
    .close()
    .then(() => started.close())
    .finally(() => process.exit(0));
});
