/** Talk time as m:ss (minutes keep counting past an hour: 62:05); "—" when there is none. */
export function formatTalkTime(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';

  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;

  return `${minutes}:${String(rest).padStart(2, '0')}`;
}
