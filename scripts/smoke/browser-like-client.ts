/**
 * Just enough of a browser for the smoke journey: cookies kept per host (ports share them, as
 * in browsers), redirects followed by hand so each hop gets its own host's cookies, and the
 * Origin header on writes, as a browser sends it and the app's CSRF guard expects.
 */
export interface Answer {
  status: number;
  url: string;
  text: string;
  json: unknown;
}

export class BrowserLikeClient {
  private readonly jars = new Map<string, Map<string, string>>();

  async request(
    method: string,
    url: string,
    body?: { json: unknown } | { form: Record<string, string> },
  ): Promise<Answer> {
    let target = new URL(url);
    let currentMethod = method;
    let currentBody = body;

    for (let hop = 0; hop < 10; hop += 1) {
      const response = await fetch(target, {
        method: currentMethod,
        redirect: 'manual',
        headers: {
          ...this.cookieHeader(target),
          ...(currentMethod !== 'GET' && { origin: target.origin }),
          ...(currentBody && 'json' in currentBody && { 'content-type': 'application/json' }),
          ...(currentBody &&
            'form' in currentBody && { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        body: !currentBody
          ? undefined
          : 'json' in currentBody
            ? JSON.stringify(currentBody.json)
            : new URLSearchParams(currentBody.form).toString(),
      });

      this.keepCookies(target, response);

      const location = response.headers.get('location');

      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        target = new URL(location, target);
        // 301-303 turn a form post into a GET, as browsers do.
        currentMethod = 'GET';
        currentBody = undefined;
        continue;
      }

      const text = await response.text();
      let json: unknown;

      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }

      return { status: response.status, url: target.toString(), text, json };
    }

    throw new Error(`more than 10 redirects from ${url}`);
  }

  private cookieHeader(url: URL): Record<string, string> {
    const jar = this.jars.get(url.hostname);

    if (!jar || jar.size === 0) return {};

    return { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  private keepCookies(url: URL, response: Response): void {
    const jar = this.jars.get(url.hostname) ?? new Map<string, string>();

    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();

      if (!name) continue;

      if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }

    this.jars.set(url.hostname, jar);
  }
}
