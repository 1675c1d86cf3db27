/**
 * A URL from the server that the page will put in an href, or null when it is not plain http(s).
 * A `javascript:` or `data:` value would run in our origin, so it is never rendered as a link.
 */
export function safeExternalUrl(raw: string): string | null {
  try {
    const url = new URL(raw);

    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
