import type { TestApp } from './test-app.js';

export interface HeldCallAnswer {
  callId: string;
  state: string;
  events: string[];
}

async function simPost(app: TestApp, path: string, body: unknown = {}) {
  const response = await fetch(`${app.simulatorUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  if (response.status !== 202) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }

  return (await response.json()) as HeldCallAnswer;
}

/** A call the simulator keeps open (ringing, or connected) until it is hung up. */
export function holdSimCall(app: TestApp, call: Record<string, unknown>) {
  return simPost(app, '/sim/calls/held', call);
}

export function hangUpSimCall(app: TestApp, callId: string) {
  return simPost(app, `/sim/calls/${callId}/hangup`);
}

export function answerSimCall(app: TestApp, callId: string) {
  return simPost(app, `/sim/calls/${callId}/answer`);
}

/** Makes the simulator answer the next `times` requests to `path` with a Zoom-style error. */
export async function simFault(
  app: TestApp,
  fault: { method: string; path: string; status: number; body?: unknown; times?: number },
) {
  const response = await fetch(`${app.simulatorUrl}/sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ times: 1, ...fault }),
  });

  if (!response.ok) throw new Error(`fault: ${response.status} ${await response.text()}`);
}
