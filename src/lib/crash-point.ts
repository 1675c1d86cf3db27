/**
 * A named spot where the hardening tests (test/hardening/, issue 9) kill the process with
 * SIGKILL, so "kill -9 right after the event is stored" is exact rather than a race. It does
 * nothing unless the CRASH_POINT environment variable names this point and NODE_ENV is not
 * `production`; then it reports `crash-point:<name>` on stderr and waits forever for the kill.
 */
export async function crashPoint(name: string): Promise<void> {
  if (process.env.CRASH_POINT !== name || process.env.NODE_ENV === 'production') return;

  process.stderr.write(`crash-point:${name}\n`);
  // The interval keeps the event loop alive, so the process waits instead of exiting.
  await new Promise(() => setInterval(() => {}, 60_000));
}
