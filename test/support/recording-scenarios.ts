import { sessionCookie } from '../../src/http/auth.js';
import type { ConnectedAgent } from './connected-agent.js';
import { simControl } from './sim-control.js';
import { waitFor, type TestApp } from './test-app.js';

export interface RecordingItem {
  id: string;
  zoomCallId: string | null;
  status: string;
  audioUrl: string;
}

/** Finishes a recording in the simulator and waits until the agent's CRM lists it. */
export async function aRecording(
  app: TestApp,
  agent: ConnectedAgent,
  extra: Record<string, unknown> = {},
): Promise<RecordingItem> {
  const callId = `7290${Math.floor(Math.random() * 1e15)}`;

  await simControl(app, 'POST', '/sim/recordings', {
    zoomUserId: agent.zoomUserId,
    externalNumber: '+15125550111',
    callId,
    ...extra,
  });

  return waitFor(async () => {
    const { json } = await agent.client.get('/api/recordings');

    return (json.recordings as RecordingItem[]).find((item) => item.zoomCallId === callId);
  });
}

/** GET through our endpoint with the agent's session, reading the whole body. */
export async function play(agent: ConnectedAgent, url: string, range?: string) {
  const cookie = `${sessionCookie}=${agent.client.cookie(sessionCookie) ?? ''}`;
  const response = await fetch(`${agent.client.baseUrl}${url}`, {
    headers: { cookie, ...(range && { range }) },
  });
  const body = Buffer.from(await response.arrayBuffer());

  return { status: response.status, headers: response.headers, body };
}
