import type { TestClient } from './http-client.js';
import type { TestApp } from './test-app.js';
import { waitFor } from './test-app.js';
import { connectZoom, createSimUser } from './zoom-flows.js';

let counter = 0;

export interface MeetingsAgent {
  client: TestClient;
  userId: string;
  zoomEmail: string;
  zoomUserId: string;
  accountId: string;
}

/** A CRM agent who has connected the Zoom Meetings card through the simulator's consent page. */
export async function aMeetingsAgent(
  app: TestApp,
  options: { connect?: boolean } = {},
): Promise<MeetingsAgent> {
  counter += 1;

  const tag = `${process.pid}m${counter}`;
  const email = `host${tag}@crm.example.com`;
  const zoomEmail = `host${tag}@zoom.example.com`;
  const client = await app.createAgent(email);
  const simUser = await createSimUser(app, { email: zoomEmail });

  if (options.connect !== false) {
    const landing = await connectZoom(app, client, 'meetings', zoomEmail);

    if (landing.searchParams.get('connected') !== 'meetings') {
      throw new Error(`connect failed: ${landing.toString()}`);
    }
  }

  const session = await client.get('/api/session');

  return {
    client,
    userId: session.json.user.id,
    zoomEmail,
    zoomUserId: simUser.zoomUserId,
    accountId: simUser.accountId,
  };
}

/** An activity body: a virtual showing `hoursAhead` from now in `timeZone`, 45 minutes long. */
export function aShowing(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'showing',
    title: 'Virtual showing: 12 Elm St',
    startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    timeZone: 'America/Vancouver',
    durationMinutes: 45,
    ...overrides,
  };
}

export async function anActivity(client: TestClient, overrides: Record<string, unknown> = {}) {
  const response = await client.post('/api/activities', aShowing(overrides));

  if (response.status !== 201) throw new Error(`activity: ${response.status} ${response.text}`);

  return response.json.activity as { id: string; startsAt: string; timeZone: string | null };
}

export async function simJson(app: TestApp, method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.simulatorUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();

  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Zoom-facing requests the simulator answered, optionally only those to one path prefix. */
export async function simRequests(app: TestApp, prefix = '') {
  const { json } = await simJson(app, 'GET', '/sim/requests');

  return (json.requests as { method: string; path: string; status: number }[]).filter((request) =>
    request.path.startsWith(prefix),
  );
}

/** Waits until the activity's meeting satisfies `check`, and returns it. */
export async function meetingWhen(
  client: TestClient,
  activityId: string,
  check: (meeting: any) => boolean,
  timeoutMs = 8000,
) {
  return waitFor(async () => {
    const { json } = await client.get(`/api/activities/${activityId}/zoom-meeting`);

    return json.meeting && check(json.meeting) ? json.meeting : undefined;
  }, timeoutMs);
}

/** A clock that runs with real time but can be moved; hand it to the app and the simulator. */
export function aMovableClock() {
  let offset = 0;

  return {
    now: () => Date.now() + offset,
    /** Moves the clock so that it reads `iso` now. */
    setTo(iso: string) {
      offset = Date.parse(iso) - Date.now();
    },
    advance(ms: number) {
      offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}
