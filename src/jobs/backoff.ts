/**
 * Capped exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And
 * Jitter"): a random wait up to base·2^(attempt-1), never more than the cap. Randomness keeps a
 * crowd of retries from arriving at Zoom in step.
 */
export function backoffDelayMs(
  attempt: number,
  { baseMs = 1000, capMs = 5 * 60_000, random = Math.random } = {},
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));

  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
