/**
 * A tiny cookie-keeping HTTP client for driving the app as a browser would: same-origin
 * requests, the session cookie replayed, redirects left for the test to follow.
 */
export class TestClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
    const sameOrigin = url.startsWith(this.baseUrl);
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(sameOrigin && this.cookies.size > 0 && { cookie: this.cookieHeader() }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

    if (sameOrigin) this.keepCookies(response);

    const text = await response.text();
    let json: unknown;

    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }

    return { status: response.status, headers: response.headers, text, json: json as any };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string) => this.request('DELETE', path);

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Carries a cookie over from another client, as a browser does across instances of a site. */
  useCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();

      if (!name) continue;

      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) {
        this.cookies.delete(name);
      } else this.cookies.set(name, value);
    }
  }
}
