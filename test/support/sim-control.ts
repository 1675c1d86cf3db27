import type { TestApp } from './test-app.js';

/** Calls the simulator's control API (/sim/...), failing loudly on an error answer. */
export async function simControl(app: TestApp, method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.simulatorUrl}${path}`, {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
  const text = await response.text();

  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);

  return text ? JSON.parse(text) : undefined;
}

export async function simRequests(app: TestApp) {
  const { requests } = await simControl(app, 'GET', '/sim/requests');

  return requests as { method: string; path: string; status: number; grantType?: string }[];
}
