import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ startJobs: false });
});
afterAll(async () => app.close());

describe('GET /api/openapi.json', () => {
  it('lists only routes the server really serves, with the JSON error shape', async () => {
    const document = (await app.client().get('/api/openapi.json')).json;
    const described = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect(document.openapi).toBe('3.1.0');

    for (const route of described) {
      const [method, path] = route.split(' ') as [string, string];
      const found = app.server.hasRoute({
        method: method as 'GET',
        url: path.replace(/\{([^}]+)\}/g, ':$1'),
      });

      expect(found, `${route} is described but not served`).toBe(true);
    }

    expect(described.length).toBeGreaterThanOrEqual(25);
    expect(document.components.schemas.Error.properties.error.properties.code.enum).toContain(
      'UNAUTHENTICATED',
    );
  });
});
