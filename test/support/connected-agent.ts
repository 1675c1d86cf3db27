import type { TestClient } from './http-client.js';
import type { TestApp } from './test-app.js';
import { connectZoom, createSimUser } from './zoom-flows.js';

let counter = 0;

export interface ConnectedAgent {
  client: TestClient;
  userId: string;
  zoomEmail: string;
  zoomUserId: string;
  accountId: string;
  phoneNumber: string;
}

/** A CRM agent (region US) who has connected Zoom Phone through the simulator's consent page. */
export async function aConnectedAgent(
  app: TestApp,
  options: { region?: string } = {},
): Promise<ConnectedAgent> {
  counter += 1;

  const tag = `${process.pid}${counter}`;
  const email = `agent${tag}@crm.example.com`;
  const zoomEmail = `agent${tag}@zoom.example.com`;
  const phoneNumber = `+1512555${String(1000 + (counter % 9000)).padStart(4, '0')}`;
  const client = await app.createAgent(email, { region: options.region ?? 'US' });
  const simUser = await createSimUser(app, {
    email: zoomEmail,
    phoneNumber,
    extensionNumber: 1000 + counter,
  });
  const landing = await connectZoom(app, client, 'phone', zoomEmail);

  if (landing.searchParams.get('connected') !== 'phone') {
    throw new Error(`connect failed: ${landing.toString()}`);
  }

  const session = await client.get('/api/session');

  return {
    client,
    userId: session.json.user.id,
    zoomEmail,
    zoomUserId: simUser.zoomUserId,
    accountId: simUser.accountId,
    phoneNumber,
  };
}

export async function addContact(client: TestClient, name: string, numbers: string[]) {
  const response = await client.post('/api/contacts', {
    name,
    phones: numbers.map((number) => ({ label: 'mobile', number })),
  });

  if (response.status !== 201) throw new Error(`contact: ${response.status} ${response.text}`);

  return response.json.contact as { id: string; name: string };
}
