import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The app as a separate operating-system process (`node --import tsx src/main.ts`), the way it
 * is deployed, so a test can kill it with SIGKILL. With `crashPoint` set, the process stops at
 * that named point (src/lib/crash-point.ts) and waits there for the kill.
 */
export interface AppProcess {
  child: ChildProcess;
  /** Resolves once the process has reached its crash point and is waiting there. */
  atCrashPoint(timeoutMs?: number): Promise<void>;
  /** kill -9, and wait until the operating system reports the process gone. */
  kill9(): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** What the process wrote to stderr (start-up summary, crash-point marker, fatal errors). */
  stderr(): string;
}

export function startAppProcess(
  env: Record<string, string>,
  options: {
    role: 'all' | 'web' | 'worker';
    crashPoint?: string;
    extraEnv?: Record<string, string>;
  },
): AppProcess {
  let stderrText = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'test',
      ROLE: options.role,
      LOG_LEVEL: process.env.CHILD_LOG_LEVEL ?? 'silent',
      CRASH_POINT: options.crashPoint ?? '',
      ...options.extraEnv,
    },
    stdio: ['ignore', process.env.CHILD_LOG_LEVEL ? 'inherit' : 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  child.stderr?.on('data', (chunk: Buffer) => {
    stderrText += chunk.toString('utf8');
  });

  return {
    child,
    exited,
    stderr: () => stderrText,
    async atCrashPoint(timeoutMs = 60_000) {
      const marker = `crash-point:${options.crashPoint}`;
      const deadline = Date.now() + timeoutMs;

      while (!stderrText.includes(marker)) {
        if (child.exitCode !== null) {
          throw new Error(`process exited (${child.exitCode}) before ${marker}: ${stderrText}`);
        }

        if (Date.now() > deadline) throw new Error(`${marker} not reached in ${timeoutMs} ms`);

        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls the process's health endpoint until it answers, for a web role on `port`. */
export async function waitUntilListening(
  process_: AppProcess,
  baseUrl: string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    if (process_.child.exitCode !== null) {
      throw new Error(`process exited (${process_.child.exitCode}): ${process_.stderr()}`);
    }

    try {
      const response = await fetch(`${baseUrl}/healthz`);

      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }

    if (Date.now() > deadline) throw new Error(`${baseUrl} not listening in ${timeoutMs} ms`);

    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
