// Times arrive as ISO strings and are shown in the agent's own time zone and locale.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A readable local date and time; the raw text when it does not parse, so nothing is hidden. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);

  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** Like `formatDateTime`, with a word for "it has not happened yet". */
export function formatOptionalTime(iso: string | null, never = 'never'): string {
  return iso === null ? never : formatDateTime(iso);
}
