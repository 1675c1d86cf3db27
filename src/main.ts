import { createApp } from './app.js';
import { ConfigError, loadConfig, readDotEnv } from './config/config.js';
import { buildServer } from './http/server.js';
import { createLogger } from './lib/logger.js';
import { printStartupSummary } from './startup-summary.js';

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
    await server?.close();
    await started.close();
    process.exit(0);
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
