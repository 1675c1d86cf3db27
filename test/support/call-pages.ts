import type { TestClient } from './http-client.js';

export interface CallItem {
  id: string;
  zoomCallId: string;
  status: string;
  result: string | null;
  answeredAt: string | null;
  endedAt: string | null;
}

/** Every call the agent sees in GET /api/calls, following nextCursor to the end. */
export async function allCallsOf(client: TestClient, query = ''): Promise<CallItem[]> {
  const calls: CallItem[] = [];
  let cursor: string | null = null;

  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await client.get(`/api/calls?limit=200${query}${suffix}`);

    if (response.status !== 200) throw new Error(`calls: ${response.status} ${response.text}`);

    calls.push(...response.json.calls);
    cursor = response.json.nextCursor;
  } while (cursor);

  return calls;
}
