// Generates a realistic past for a simulated agent: `count` finished calls spread over a date
// range, in the shapes Zoom's call history returns (both arrays). No webhooks are sent; these
// calls happened before the app was connected. A seed makes the mix repeatable.
import type { SimulatorContext } from '../context.js';
import { callId as newCallId } from '../state/ids.js';
import type { SimUser } from '../state/users.store.js';
import { fixtureAudio } from '../phone-media/audio-fixtures.js';
import { voicemailStart } from '../phone-media/call-media.js';
import { leaveVoicemail } from '../phone-media/phone-media.events.js';
import { callHistoryRows } from './call-history.items.js';
import { planCall } from './call-plan.js';
import type { CallDirection, CallOutcome } from './call.types.js';

export interface HistorySeed {
  count: number;
  fromMs: number;
  toMs: number;
  /** Outside numbers to draw from (so some calls match CRM contacts); random ones otherwise. */
  numbers?: string[];
  seed?: number;
  /** Inbound calls that went to voicemail also leave one in Zoom's voicemail list (no event). */
  voicemails?: boolean;
}

// mulberry32: a tiny deterministic generator, so a seeded history is the same every run.
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;

    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const outcomes: CallOutcome[] = [
  'answered',
  'answered',
  'answered',
  'missed',
  'rejected',
  'voicemail',
];

export function seedHistory(ctx: SimulatorContext, agent: SimUser, seed: HistorySeed): number {
  const random = randomFrom(seed.seed ?? 1);
  const span = Math.max(1, seed.toMs - seed.fromMs);

  for (let index = 0; index < seed.count; index += 1) {
    const direction: CallDirection = random() < 0.55 ? 'inbound' : 'outbound';
    const outcome = outcomes[Math.floor(random() * outcomes.length)] ?? 'answered';
    const roll = random();
    const pool = seed.numbers ?? [];
    const externalNumber =
      roll < 0.03
        ? undefined
        : pool.length > 0 && roll < 0.6
          ? pool[Math.floor(random() * pool.length)]
          : `+1512555${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
    let callId = newCallId();

    while (ctx.state.calls.has(callId)) callId = newCallId();

    const startMs = seed.fromMs + Math.floor(random() * span);
    const call = planCall(
      agent,
      {
        direction,
        outcome,
        ...(externalNumber !== undefined && { externalNumber }),
        talkSeconds: 20 + Math.floor(random() * 600),
        ringSeconds: 3 + Math.floor(random() * 20),
      },
      callId,
      startMs,
    );

    ctx.state.history.add(agent.zoomUserId, {
      startMs: call.timeline.ringingStart,
      ...callHistoryRows(call),
    });

    if (seed.voicemails && direction === 'inbound' && outcome === 'voicemail') {
      leaveVoicemail(ctx, agent, {
        callId,
        callerNumber: (externalNumber ?? '').replace(/^\+/, ''),
        audio: fixtureAudio('voicemail'),
        atMs: voicemailStart(call),
        webhook: false,
      });
    }
  }

  return seed.count;
}
