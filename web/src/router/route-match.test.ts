import { describe, expect, it } from 'vitest';
import { matchPath, matchRoute, safeNextPath } from './route-match.js';

describe('matchRoute', () => {
  it.each([
    ['/', { name: 'home' }],
    ['/signin', { name: 'signin' }],
    ['/contacts', { name: 'contacts' }],
    ['/contacts/', { name: 'contacts' }],
    ['/contacts/c_42', { name: 'contact', id: 'c_42' }],
    ['/calls', { name: 'calls' }],
    ['/settings/integrations', { name: 'integrations' }],
    ['/admin', { name: 'admin' }],
  ])('sends %s to its page', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each(['/contacts/1/extra', '/settings', '/nope', '/Contacts'])(
    'has no page for %s',
    (path) => {
      expect(matchRoute(path).name).toBe('not-found');
    },
  );
});

describe('matchPath', () => {
  it('decodes parameters', () => {
    expect(matchPath('/contacts/:id', '/contacts/a%20b')).toEqual({ id: 'a b' });
  });

  it('refuses a parameter that does not decode', () => {
    expect(matchPath('/contacts/:id', '/contacts/%E0%A4%A')).toBeNull();
  });
});

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/contacts/7?tab=calls')).toBe('/contacts/7?tab=calls');
  });

  it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example', 'contacts', '/signin'])(
    'falls back to contacts for %s',
    (raw) => {
      expect(safeNextPath(raw)).toBe('/contacts');
    },
  );

  it('falls back when there is nothing to return to', () => {
    expect(safeNextPath(null)).toBe('/contacts');
  });
});
