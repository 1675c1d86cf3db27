/**
 * Text that came from outside (Zoom, a browser) on its way into the database. PostgreSQL text
 * cannot hold U+0000, so a NUL must never reach a query; other control characters are noise in
 * names and numbers.
 */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/g;

export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');

  if (depth > 64 || !value || typeof value !== 'object') return false;

  return Object.entries(value).some(
    ([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1),
  );
}

/** A display string from outside: control characters removed, trimmed, at most `max` chars. */
export function cleanLabel(value: string | null | undefined, max = 200): string | null {
  const cleaned = value?.replace(controlCharacters, ' ').replace(/\s+/g, ' ').trim() ?? '';

  return cleaned ? cleaned.slice(0, max) : null;
}

/** JSON.parse for bodies from Zoom: NULs dropped from every string value. */
export function parseExternalJson(text: string): unknown {
  if (!text.includes('\\u0000')) return JSON.parse(text);

  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'string' ? value.replaceAll('\u0000', '') : value,
  );
}
