// Builders for the simulator's meeting tests: a host with a grant, a scheduled meeting, its end.
import type { Simulator } from '../../../simulator/simulator.js';
import { aUser, connect } from './simulator.fixture.js';

export async function aHost(
  sim: Simulator,
  email = 'dana.reyes@example.com',
  timezone = 'America/Chicago',
) {
  const user = await aUser(sim, { email, timezone });
  const token = (await connect(sim, email)).access_token;

  return { user, token, auth: { authorization: `Bearer ${token}` } };
}

export const aMeetingBody = (overrides: Record<string, unknown> = {}) => ({
  topic: 'Virtual showing: 12 Elm St',
  type: 2,
  start_time: '2026-07-14T17:00:00',
  timezone: 'Europe/Berlin',
  duration: 30,
  agenda: 'Walk-through with the buyer',
  settings: { auto_recording: 'cloud' },
  ...overrides,
});

export async function aMeeting(
  sim: Simulator,
  token: string,
  overrides: Record<string, unknown> = {},
) {
  const response = await sim.app.inject({
    method: 'POST',
    url: '/v2/users/me/meetings',
    headers: { authorization: `Bearer ${token}` },
    payload: aMeetingBody(overrides),
  });

  if (response.statusCode !== 201) {
    throw new Error(`create meeting answered ${response.statusCode}: ${response.body}`);
  }

  return response.json() as { id: number; uuid: string; start_url: string; join_url: string };
}

export async function endMeeting(
  sim: Simulator,
  id: number,
  options: Record<string, unknown> = {},
) {
  const response = await sim.app.inject({
    method: 'POST',
    url: `/sim/meetings/${id}/end`,
    payload: options,
  });

  if (response.statusCode !== 202) {
    throw new Error(`end meeting answered ${response.statusCode}: ${response.body}`);
  }

  return response.json() as {
    uuid: string;
    events: string[];
    files: { id: string; fileType: string }[];
    transcriptFileId: string | null;
  };
}
