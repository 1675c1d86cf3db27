// The app's pages and how a URL path picks one. The server falls back to index.html for exactly
// these paths, so a new page needs a line here and one in the server's fallback list.

export type Route =
  | { name: 'home' }
  | { name: 'signin' }
  | { name: 'contacts' }
  | { name: 'contact'; id: string }
  | { name: 'calls' }
  | { name: 'activities' }
  | { name: 'activity'; id: string }
  | { name: 'integrations' }
  | { name: 'admin' }
  | { name: 'not-found' };

type Params = Record<string, string>;

const ROUTES: [pattern: string, toRoute: (params: Params) => Route][] = [
  ['/', () => ({ name: 'home' })],
  ['/signin', () => ({ name: 'signin' })],
  ['/contacts', () => ({ name: 'contacts' })],
  ['/contacts/:id', (params) => ({ name: 'contact', id: params.id ?? '' })],
  ['/calls', () => ({ name: 'calls' })],
  ['/activities', () => ({ name: 'activities' })],
  ['/activities/:id', (params) => ({ name: 'activity', id: params.id ?? '' })],
  ['/settings/integrations', () => ({ name: 'integrations' })],
  ['/admin', () => ({ name: 'admin' })],
];

/** Matches `pattern` (segments, `:name` for a parameter) against a path; null when it differs. */
export function matchPath(pattern: string, pathname: string): Params | null {
  const expected = splitPath(pattern);
  const actual = splitPath(pathname);

  if (expected.length !== actual.length) return null;

  const params: Params = {};

  for (const [index, part] of expected.entries()) {
    const value = actual[index] ?? '';

    if (part.startsWith(':')) {
      const decoded = decodeSegment(value);

      if (decoded === null || decoded === '') return null;
      params[part.slice(1)] = decoded;
    } else if (part !== value) {
      return null;
    }
  }

  return params;
}

export function matchRoute(pathname: string): Route {
  for (const [pattern, toRoute] of ROUTES) {
    const params = matchPath(pattern, pathname);

    if (params) return toRoute(params);
  }

  return { name: 'not-found' };
}

// A trailing slash or doubled slash names the same page.
function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function decodeSegment(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/**
 * Where to go after signing in. Only a path on this site is accepted: `//host` and `/\host` are
 * read by browsers as another origin, and following them would make sign-in an open redirect.
 */
export function safeNextPath(raw: string | null, fallback = '/contacts'): string {
  if (raw === null || !raw.startsWith('/')) return fallback;
  if (raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (matchRoute(raw.split(/[?#]/)[0] ?? '').name === 'signin') return fallback;

  return raw;
}
