// `npm run simulator`: the Zoom simulator on its own, for trying the app against it by hand.
// The only place the simulator reads the environment. It listens on 127.0.0.1 only.
import { createSimulator } from './simulator.js';

interface MainSettings {
  port: number;
  clientId: string;
  clientSecret: string;
  webhookSecretToken: string;
  webhookUrl?: string;
}

function readSettings(env: NodeJS.ProcessEnv): MainSettings {
  const port = Number(env.SIM_PORT ?? '3001');

  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error('SIM_PORT must be a port number (0-65535)');
  }

  const required = (name: string): string => {
    const value = env[name];

    if (!value) {
      throw new Error(`${name} is required (the simulator's app credentials match the app's)`);
    }

    return value;
  };

  const webhookUrl = env.SIM_WEBHOOK_URL || undefined;

  if (webhookUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(webhookUrl)) {
    throw new Error('SIM_WEBHOOK_URL must be an http(s) URL');
  }

  return {
    port,
    clientId: required('SIM_CLIENT_ID'),
    clientSecret: required('SIM_CLIENT_SECRET'),
    webhookSecretToken: required('SIM_WEBHOOK_SECRET_TOKEN'),
    webhookUrl,
  };
}

async function main(): Promise<void> {
  const { port, ...options } = readSettings(process.env);
  const simulator = await createSimulator({ ...options, logger: true });
  const url = await simulator.listen(port);

  const stop = () => {
    void simulator.close().then(() => process.exit(0));
  };

  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(`Zoom simulator listening at ${url} (console: ${url}/)\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
