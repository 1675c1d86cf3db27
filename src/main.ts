import { createApp } from './app.js';
import { ConfigError, loadConfig, readDotEnv } from './config/config.js';
import { buildServer } from './http/server.js';
import { createLogger } from './lib/logger.js';
import { printStartupSummary } from './startup-summary.js';

const shutdownTimeoutMs = 25_000;

async function main(): Promise<void> {
  const config = loadConfig({ ...readDotEnv(), ...process.env });
  const logger = createLogger(config.LOG_LEVEL);
  const started = await createApp(config, logger);
  const server = config.ROLE === 'worker' ? undefined : await buildServer(started.context);

  if (server) {
    await server
      .listen({ port: config.PORT, host: config.HOST })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') {
          throw new ConfigError(
            'PORT',
            `${config.PORT} is already in use on ${config.HOST}; choose another`,
          );
        }

        throw error;
      });
  }

  if (config.ROLE !== 'web') started.context.jobs.start();

  printStartupSummary(config, started);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;

    stopping = true;
    logger.info({ signal }, 'shutting down');

    // A stuck step must not outlive the orchestrator's patience (Kubernetes waits 30 s, then
    // kills): exit on our own first. Nothing acknowledged is lost either way (operations.md).
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, shutdownTimeoutMs);

    deadline.unref();

    try {
      // Stops accepting connections, ends the event streams (their browsers reconnect to
      // another instance) and waits for requests in flight, webhooks included.
      await server?.close();
      // Jobs finish what they are running (bounded), then the LISTEN connection and the pools.
      await started.close();
      logger.info({ signal }, 'shut down');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };

  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }

  console.error('1Thing failed to start:', error);
  process.exit(1);
});
