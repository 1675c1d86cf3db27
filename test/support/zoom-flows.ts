import type { TestClient } from './http-client.js';
import type { TestApp } from './test-app.js';

export interface SimUserInput {
  email: string;
  zoomUserId?: string;
  accountId?: string;
  phoneNumber?: string;
  extensionNumber?: number;
  phoneLicence?: boolean;
}

export async function createSimUser(app: TestApp, user: SimUserInput) {
  const response = await fetch(`${app.simulatorUrl}/sim/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });

  if (!response.ok) throw new Error(`sim user: ${response.status} ${await response.text()}`);

  return (await response.json()) as { zoomUserId: string; accountId: string; email: string };
}

/**
 * Connects a card the way a person does: ask the app for the consent URL, approve on the
 * simulator's consent page, and follow Zoom's redirect back to the app's callback.
 * Returns where the app sent the browser in the end.
 */
export async function connectZoom(
  app: TestApp,
  client: TestClient,
  product: 'phone' | 'meetings',
  zoomEmail: string,
): Promise<URL> {
  const start = await client.post(`/api/integrations/zoom/${product}/connect`);

  if (start.status !== 200) throw new Error(`connect: ${start.status} ${start.text}`);

  const consent = new URL(start.json.url);

  consent.searchParams.set('sim_login', zoomEmail);
  consent.searchParams.set('sim_approve', '1');

  const approval = await fetch(consent, { redirect: 'manual' });
  const callback = approval.headers.get('location');

  if (approval.status !== 302 || !callback) {
    throw new Error(`consent: ${approval.status} ${await approval.text()}`);
  }

  const landing = await client.get(callback);

  return new URL(landing.headers.get('location') ?? '/', app.baseUrl);
}

export async function placeSimCall(app: TestApp, call: Record<string, unknown>) {
  const response = await fetch(`${app.simulatorUrl}/sim/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(call),
  });

  if (response.status !== 202) {
    throw new Error(`sim call: ${response.status} ${await response.text()}`);
  }

  return (await response.json()) as { callId: string; events: string[] };
}
