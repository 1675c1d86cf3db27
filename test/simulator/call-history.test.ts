// GET /phone/users/me/call_history as API.md §5.2 documents it: calls land in their owner's
// history, pages are cut by an opaque next_page_token that expires after 15 minutes, and the
// date range is at most one month.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import {
  aCall,
  aClock,
  apiGet,
  aUser,
  connect,
  startSimulator,
  type SimUserView,
} from './support/simulator.fixture.js';

const EMAIL = 'dana.reyes@example.com';
const HISTORY = '/v2/phone/users/me/call_history';

describe('call history', () => {
  let sim: Simulator;
  let clock: ReturnType<typeof aClock>;
  let agent: SimUserView;
  let token: string;

  beforeEach(async () => {
    clock = aClock(Date.parse('2026-11-03T15:00:00Z'));
    sim = await startSimulator({ now: clock.now });
    agent = await aUser(sim, {
      email: EMAIL,
      firstName: 'Dana',
      lastName: 'Reyes',
      phoneNumber: '+12065550110',
      extensionNumber: 2201,
    });
    token = (await connect(sim, EMAIL)).access_token;
  });

  afterEach(() => sim.close());

  async function callsOneMinuteApart(count: number): Promise<string[]> {
    const ids: string[] = [];

    for (let index = 0; index < count; index += 1) {
      ids.push(
        (await aCall(sim, { externalNumber: `+1512555${String(index).padStart(4, '0')}` })).callId,
      );
      clock.advance(60_000);
    }

    return ids;
  }

  it('records an answered inbound call with parties, times, talk time and result', async () => {
    const { callId } = await aCall(sim, {
      direction: 'inbound',
      outcome: 'answered',
      externalNumber: '+15125550147',
      externalName: 'Jordan Sample',
      ringSeconds: 6,
      talkSeconds: 184,
    });
    const body = (await apiGet(sim, `${HISTORY}?from=2026-11-03&to=2026-11-03`, token)).json();

    expect(body.total_records).toBe(1);
    expect(body.call_logs[0]).toMatchObject({
      call_id: callId,
      direction: 'inbound',
      caller_name: 'Jordan Sample',
      caller_did_number: '+15125550147',
      callee_name: 'Dana Reyes',
      callee_did_number: '+12065550110',
      callee_ext_number: '2201',
      start_time: '2026-11-03T15:00:00Z',
      answer_time: '2026-11-03T15:00:06Z',
      end_time: '2026-11-03T15:03:10Z',
      talk_time: 184,
      result: 'answered',
    });
    expect(body.call_elements[0]).toMatchObject({
      call_id: callId,
      call_history_uuid: body.call_logs[0].id,
      result: 'answered',
    });
    expect(body.call_elements[0].call_element_id).toMatch(/^20261103-[0-9a-f-]{36}$/);
  });

  it.each([
    ['inbound', 'missed', 'no_answer'],
    ['inbound', 'rejected', 'rejected'],
    ['inbound', 'voicemail', 'voicemail'],
    ['outbound', 'answered', 'connected'],
    ['outbound', 'missed', 'no_answer'],
  ] as const)('records an %s %s call as result %s', async (direction, outcome, result) => {
    const { callId } = await aCall(sim, { direction, outcome });
    const [row] = (await apiGet(sim, HISTORY, token)).json().call_logs;

    expect(row).toMatchObject({ call_id: callId, direction, result });
    expect(row.talk_time).toBe(outcome === 'answered' ? 60 : 0);
  });

  it('puts the agent on the caller side of an outbound call', async () => {
    await aCall(sim, { direction: 'outbound', externalNumber: '+15125550147' });

    const [row] = (await apiGet(sim, HISTORY, token)).json().call_logs;

    expect(row).toMatchObject({
      caller_did_number: agent.phoneNumber,
      caller_ext_type: 'user',
      callee_did_number: '+15125550147',
      callee_number_type: 'external_pstn',
    });
  });

  it('keeps no number for a hidden caller and marks the caller id hidden', async () => {
    await aCall(sim, { externalNumber: 'anonymous' });

    const [row] = (await apiGet(sim, HISTORY, token)).json().call_logs;

    expect(row.hide_caller_id).toBe(true);
    expect(row.caller_number_type).toBe('anonymous_number');
    expect(row).not.toHaveProperty('caller_did_number');
  });

  it('shows a call only in its owner’s history', async () => {
    await aUser(sim, { email: 'sam.ortiz@example.com' });

    const otherToken = (await connect(sim, 'sam.ortiz@example.com')).access_token;

    await aCall(sim, { userEmail: EMAIL });

    expect((await apiGet(sim, HISTORY, token)).json().total_records).toBe(1);
    expect((await apiGet(sim, HISTORY, otherToken)).json().total_records).toBe(0);
  });

  it('pages through every call once, newest first, ending with an empty token', async () => {
    const placed = await callsOneMinuteApart(7);
    const pages = [];
    let url = `${HISTORY}?from=2026-11-01&to=2026-11-30&page_size=3`;

    for (;;) {
      const body = (await apiGet(sim, url, token)).json();

      pages.push(body);

      if (body.next_page_token === '') {
        break;
      }

      url = `${HISTORY}?page_size=3&next_page_token=${encodeURIComponent(body.next_page_token)}`;
    }

    const seen = pages.flatMap((body) =>
      body.call_logs.map((row: { call_id: string }) => row.call_id),
    );

    expect(pages.map((body) => body.call_logs.length)).toEqual([3, 3, 1]);
    expect(pages.every((body) => body.total_records === 7)).toBe(true);
    expect(seen).toEqual([...placed].reverse());
  });

  it('keeps a paging run stable when a call lands between pages', async () => {
    await callsOneMinuteApart(4);

    const first = (await apiGet(sim, `${HISTORY}?page_size=2`, token)).json();

    await aCall(sim);

    const second = (
      await apiGet(sim, `${HISTORY}?page_size=2&next_page_token=${first.next_page_token}`, token)
    ).json();
    const ids = [...first.call_logs, ...second.call_logs].map((row) => row.call_id);

    expect(new Set(ids).size).toBe(4);
    expect(second.next_page_token).toBe('');
  });

  it('refuses a page token after 15 minutes with Zoom’s 400 / 400', async () => {
    await callsOneMinuteApart(3);

    const first = (await apiGet(sim, `${HISTORY}?page_size=1`, token)).json();
    const next = `${HISTORY}?page_size=1&next_page_token=${first.next_page_token}`;

    clock.advance(14 * 60_000);
    expect((await apiGet(sim, next, token)).statusCode).toBe(200);

    clock.advance(60_000);

    const expired = await apiGet(sim, next, token);

    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toMatchObject({ code: 400 });
    expect(expired.json().message).toMatch(/next page token/i);
  });

  it('refuses another user’s page token', async () => {
    await callsOneMinuteApart(2);
    await aUser(sim, { email: 'sam.ortiz@example.com' });

    const first = (await apiGet(sim, `${HISTORY}?page_size=1`, token)).json();
    const otherToken = (await connect(sim, 'sam.ortiz@example.com')).access_token;
    const response = await apiGet(
      sim,
      `${HISTORY}?next_page_token=${first.next_page_token}`,
      otherToken,
    );

    expect(response.statusCode).toBe(400);
  });

  it('returns only calls inside the from/to range, and the last 24 hours by default', async () => {
    await aCall(sim);
    clock.advance(3 * 86_400_000);
    await aCall(sim);
    token = (await connect(sim, EMAIL)).access_token;

    const defaultRange = (await apiGet(sim, HISTORY, token)).json();
    const firstDay = (await apiGet(sim, `${HISTORY}?from=2026-11-03&to=2026-11-03`, token)).json();
    const exact = (
      await apiGet(sim, `${HISTORY}?from=2026-11-03T15:00:01Z&to=2026-11-06T14:59:59Z`, token)
    ).json();

    expect(defaultRange.total_records).toBe(1);
    expect(firstDay.total_records).toBe(1);
    expect(exact.total_records).toBe(0);
  });

  it.each([
    ['from without to', '?from=2026-11-01'],
    ['to without from', '?to=2026-11-01'],
    ['a range over one month', '?from=2026-10-01&to=2026-11-02'],
    ['to before from', '?from=2026-11-02&to=2026-11-01'],
    ['a date that does not exist', '?from=2026-02-30&to=2026-03-01'],
    ['a page size that is not a number', '?page_size=many'],
  ])('refuses %s with 400 / 301', async (_case, query) => {
    const response = await apiGet(sim, `${HISTORY}${query}`, token);

    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(301);
  });

  it('accepts a range of exactly one month', async () => {
    const response = await apiGet(sim, `${HISTORY}?from=2026-10-01&to=2026-11-01`, token);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ from: '2026-10-01', to: '2026-11-01' });
  });

  it('uses 30 rows a page by default and at most 300', async () => {
    const byDefault = (await apiGet(sim, HISTORY, token)).json();
    const capped = (await apiGet(sim, `${HISTORY}?page_size=1000`, token)).json();

    expect(byDefault.page_size).toBe(30);
    expect(capped.page_size).toBe(300);
  });
});
