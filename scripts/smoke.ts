// `npm run smoke`: the newcomer's path, from a clean clone. Clones the committed HEAD of this
// checkout into a temporary folder, runs exactly the README's set-up commands there, waits for
// the app to answer and walks the README's main journey over HTTP, then stops the app and
// removes the folder. Uncommitted changes are not in the clone: this tests what was committed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, journeySteps, type JourneyStep } from './smoke/journey.js';
import { readmeSetup } from './smoke/readme.js';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
// `npm start` builds the web app before it listens; on a busy 2-core machine that takes a while.
const startTimeoutMs = 5 * 60_000;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();

    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();

      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The environment of a newcomer's shell: no settings of ours (which would switch off demo
 * mode), and none of npm's own `npm_*` variables from the `npm run smoke` around us. Only the
 * ports are chosen, so that a developer's running demo on 3000/3001 does not collide.
 */
function newcomerEnv(ports: { app: number; simulator: number }): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TERM', 'USER', 'SHELL'];
  const env: NodeJS.ProcessEnv = {};

  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];

  return { ...env, PORT: String(ports.app), ZOOM_SIMULATOR_PORT: String(ports.simulator) };
}

function runToCompletion(command: string, cwd: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync('bash', ['-c', command], { cwd, env, stdio: 'inherit' });

  if (result.status !== 0) {
    throw new Error(`\`${command}\` exited with ${result.status ?? result.signal}`);
  }
}

/** Starts the long-running command in its own process group, so it can be stopped whole. */
function startInBackground(command: string, cwd: string, env: NodeJS.ProcessEnv) {
  let output = '';
  const child = spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: 'pipe' });

  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));

  return { child, output: () => output };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;

  const exited = new Promise((resolve) => child.once('exit', resolve));

  process.kill(-child.pid, 'SIGTERM');

  const timer = setTimeout(() => {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, 15_000);

  await exited;
  clearTimeout(timer);
}

async function main(): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), '1thing-smoke-'));
  const clone = join(folder, 'app');
  let app: ReturnType<typeof startInBackground> | undefined;
  let current = 'clone the repository';

  try {
    say(`smoke: cloning the committed HEAD of ${projectRoot} into ${clone}`);
    runToCompletion(
      `git clone --quiet ${JSON.stringify(projectRoot)} ${JSON.stringify(clone)}`,
      folder,
      process.env,
    );

    current = 'read the README';

    const readme = readmeSetup(readFileSync(join(clone, 'README.md'), 'utf8'));
    const ports = { app: await freePort(), simulator: await freePort() };
    const env = newcomerEnv(ports);
    const baseUrl = `http://127.0.0.1:${ports.app}`;
    const setup = readme.commands.slice(0, -1);
    const start = readme.commands.at(-1) ?? '';

    say(`smoke: the README's commands: ${readme.commands.map((c) => `\`${c}\``).join(', ')}`);

    for (const command of setup) {
      current = `run \`${command}\``;
      say(`smoke: ${current}`);
      runToCompletion(command, clone, env);
    }

    current = `start the app with \`${start}\` and wait for ${baseUrl}/readyz`;
    say(`smoke: ${current}`);
    app = startInBackground(start, clone, env);

    const running = app;

    await eventually('the app did not answer', startTimeoutMs, async () => {
      if (running.child.exitCode !== null) {
        throw new Error(`\`${start}\` exited with ${running.child.exitCode}`);
      }

      const ready = await fetch(`${baseUrl}/readyz`).catch(() => undefined);

      return ready?.ok ? true : undefined;
    });

    const steps: JourneyStep[] = journeySteps(baseUrl, readme);

    for (const [index, step] of steps.entries()) {
      current = step.name;
      say(`smoke: journey ${index + 1}/${steps.length}: ${step.name}`);

      await step.run();
    }

    say('smoke: passed — the README’s commands start the app and its main journey works');

    return 0;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error && error.cause ? `\n  cause: ${String(error.cause)}` : '';

    process.stderr.write(`\nsmoke: FAILED at “${current}”: ${detail}${cause}\n`);

    if (app) process.stderr.write(`\n--- the app's output ---\n${app.output().slice(-4000)}\n`);

    return 1;
  } finally {
    if (app) await stopGroup(app.child);

    rmSync(folder, { recursive: true, force: true });
  }
}

process.exitCode = await main();
