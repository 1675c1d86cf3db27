/**
 * Like waitFor, but checks only every `intervalMs`: for checks that are heavy themselves (a
 * whole call list, a query over thousands of rows), so polling does not starve the work it
 * is waiting for on a busy machine.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    const value = await check();

    if (value !== undefined && value !== false) return value;

    if (Date.now() > deadline) throw new Error(`pollUntil timed out after ${timeoutMs} ms`);

    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
