import type { AppContext } from '../../../app-context.js';
import type { SessionUser } from '../../../http/auth.js';
import { activeCallWindowMs, screenPopFreshMs } from './live-call-rules.js';
import { activeCallIds, openCallBackIds } from './live-calls.repo.js';
import { buildLiveCallViews, liveCallKey, type LiveCallView } from './live-call.view.js';

// The "Call back" list is a reminder, not an archive: the newest ones are enough.
const callBackLimit = 20;

export function viewSettings(context: AppContext) {
  return {
    now: context.clock.now(),
    callCommandEnabled: context.config.ZOOM_CALL_COMMAND_PATH !== '',
  };
}

/**
 * Publishes the call's current live view to its agent's streams as a `call` event. The view is
 * read inside the publishing transaction, after the user's sequence lock, so a later event
 * never carries an older state than an earlier one. Nothing is sent when the agent already has
 * an event for this exact state.
 */
export async function publishLiveCall(
  context: AppContext,
  ownerId: string,
  callId: string,
): Promise<LiveCallView | undefined> {
  let published: LiveCallView | undefined;

  await context.realtime.publisher.publishWith(ownerId, async (trx) => {
    const [view] = await buildLiveCallViews(trx, viewSettings(context), ownerId, [callId]);

    published = view;

    return view ? { type: 'call', key: liveCallKey(view), data: view } : null;
  });

  return published;
}

/** The live calls a fresh stream (or a reloaded page) starts from. */
export async function liveCallSnapshot(
  context: AppContext,
  user: Pick<SessionUser, 'id'>,
): Promise<{ calls: LiveCallView[] }> {
  const settings = viewSettings(context);
  const active = await activeCallIds(context.db, user.id, {
    connected: settings.now - activeCallWindowMs,
    ringing: settings.now - screenPopFreshMs,
  });
  const callBacks = await openCallBackIds(context.db, user.id, callBackLimit);
  const callIds = [...new Set([...active, ...callBacks])];

  return { calls: await buildLiveCallViews(context.db, settings, user.id, callIds) };
}
