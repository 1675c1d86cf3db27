import { createHash } from 'node:crypto';
import { contactLinks, presentCall } from '../../../crm/calls.query.js';
import { findUserById } from '../../../crm/users.repo.js';
import type { Db } from '../../../db/database.js';
import type { CallLine } from './call-line.js';
import { livePhase, showsScreenPop, type LivePhase } from './live-call-rules.js';
import { loadLiveCalls } from './live-calls.repo.js';

/**
 * What the browser needs to draw one live call: the call as GET /api/calls shows it, plus its
 * live phase, whether it pops up, whether "End call" is offered, and its "Call back" item.
 * The same shape goes out in the `call` events of GET /api/events and in their snapshot.
 */
export interface LiveCallView {
  call: ReturnType<typeof presentCall>;
  phase: LivePhase;
  line: CallLine;
  screenPop: boolean;
  canEnd: boolean;
  callBack: 'open' | null;
}

export interface ViewSettings {
  now: number;
  /** ZOOM_CALL_COMMAND_PATH is set: the app may try to end calls at all. */
  callCommandEnabled: boolean;
}

export async function buildLiveCallViews(
  db: Db,
  settings: ViewSettings,
  ownerId: string,
  callIds: string[],
): Promise<LiveCallView[]> {
  if (callIds.length === 0) return [];

  const rows = await loadLiveCalls(db, ownerId, callIds);
  const links = await contactLinks(db, ownerId, callIds);
  const owner = await findUserById(db, ownerId);
  const region = owner?.default_region ?? 'CA';
  const order = new Map(callIds.map((id, index) => [id, index]));

  return rows
    .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    .map((row) => {
      const { line, end_state: endState, callback_state: callBack, ...call } = row;
      const phase = livePhase(call, endState);

      return {
        call: presentCall(call, region, links.get(call.id) ?? []),
        phase,
        line,
        screenPop: showsScreenPop(call, { line, end_state: endState }, settings.now),
        canEnd: settings.callCommandEnabled && (phase === 'dialing' || phase === 'connected'),
        callBack: callBack === 'open' ? 'open' : null,
      };
    });
}

/**
 * The event key of a view: the same call in the same visible state gives the same key, so a
 * replayed or duplicated Zoom event (a second ringing leg, a redelivery) publishes nothing.
 */
export function liveCallKey(view: LiveCallView): string {
  const visible = [
    view.phase,
    view.callBack ?? '',
    view.call.externalNumber ?? '',
    view.call.externalName ?? '',
    ...view.call.contacts.map((contact) => contact.id),
  ].join('\n');

  return `call:${view.call.id}:${createHash('sha256').update(visible).digest('hex').slice(0, 16)}`;
}
