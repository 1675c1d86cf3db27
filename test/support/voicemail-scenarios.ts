import type { ConnectedAgent } from './connected-agent.js';
import { simControl } from './sim-control.js';
import { waitFor, type TestApp } from './test-app.js';

export interface VoicemailItem {
  id: string;
  zoomVoicemailId: string;
  status: string;
  failureReason: string | null;
  transcript: { text: string; engine: string } | null;
  contacts: { id: string; name: string }[];
  callId: string | null;
  retryable: boolean;
}

/**
 * Points the running app's Whisper client at the test's own simulator (its URL is known only
 * once it listens, after the app's config was read). Jobs read the settings on every run.
 */
export function useSimulatorWhisper(app: TestApp, timeoutMs = 5000): void {
  app.started.context.whisper = {
    apiKey: 'test-key-not-a-secret',
    baseURL: `${app.simulatorUrl}/v1`,
    timeoutMs,
  };
}

export async function leaveVoicemail(
  app: TestApp,
  agent: ConnectedAgent,
  extra: Record<string, unknown> = {},
): Promise<{ voicemailId: string }> {
  return simControl(app, 'POST', '/sim/voicemails', {
    zoomUserId: agent.zoomUserId,
    callerNumber: '15125550199',
    ...extra,
  });
}

export async function voicemailsOf(agent: ConnectedAgent, query = ''): Promise<VoicemailItem[]> {
  const response = await agent.client.get(`/api/voicemails${query}`);

  if (response.status !== 200) throw new Error(`voicemails: ${response.status}`);

  return response.json.voicemails;
}

/** Waits until the voicemail (by Zoom's id; else the newest) reaches one of `statuses`. */
export async function settledVoicemail(
  agent: ConnectedAgent,
  statuses: string[],
  zoomVoicemailId?: string,
  timeoutMs = 15_000,
): Promise<VoicemailItem> {
  return waitFor(async () => {
    const all = await voicemailsOf(agent);
    const found = zoomVoicemailId
      ? all.find((item) => item.zoomVoicemailId === zoomVoicemailId)
      : all[0];

    return found && statuses.includes(found.status) ? found : undefined;
  }, timeoutMs);
}

export async function whisperTraffic(app: TestApp) {
  return (await simControl(app, 'GET', '/sim/openai/requests')) as {
    attempts: number;
    requests: { filename: string; contentType: string; bytes: number }[];
  };
}
