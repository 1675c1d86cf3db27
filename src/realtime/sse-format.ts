/**
 * The text/event-stream wire format (HTML Living Standard, "Server-sent events", §9.2.6):
 * `id:`, `event:` and one `data:` line per line of the payload, then a blank line. A payload
 * line break would otherwise end the field early, so each line gets its own `data:`.
 */
export interface WireEvent {
  id?: number | undefined;
  type?: string | undefined;
  data: string;
}

export function formatEvent(event: WireEvent): string {
  const lines: string[] = [];

  if (event.id !== undefined) lines.push(`id: ${event.id}`);

  // The event name is ours (a fixed word), but a stray newline in it would forge a field.
  if (event.type) lines.push(`event: ${event.type.replace(/[\r\n]/g, '')}`);

  for (const line of event.data.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);

  return `${lines.join('\n')}\n\n`;
}

/** A comment line: ignored by EventSource, but it keeps proxies from closing an idle stream. */
export const keepAliveComment = ': keep-alive\n\n';

/** How long EventSource waits before reconnecting after the stream drops. */
export function retryField(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}

/**
 * The `Last-Event-ID` a reconnecting EventSource sends back: the last `id:` it saw. Ours are
 * positive integers; anything else is treated as no id at all (a fresh stream).
 */
export function parseLastEventId(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;

  if (!text || !/^\d{1,15}$/.test(text.trim())) return null;

  return Number(text.trim());
}
