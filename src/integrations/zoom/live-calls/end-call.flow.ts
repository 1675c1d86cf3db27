import type { AppContext } from '../../../app-context.js';
import { AppError } from '../../../http/errors.js';
import { sendCallCommand } from '../../../zoom/call-command.api.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { findConnectionByUser } from '../connections.repo.js';
import { publishLiveCall, viewSettings } from './live-call.publish.js';
import { buildLiveCallViews, type LiveCallView } from './live-call.view.js';
import { setEndState } from './live-calls.repo.js';

export type EndCallOutcome =
  { outcome: 'ending'; view: LiveCallView } | { outcome: 'refused'; view: LiveCallView };

// What Zoom may answer for an endpoint or command it does not offer (DESIGN.md §6): no such
// path or method, a scope or permission it will not grant. A 401 counts too: the token was
// fresh a moment ago (zoom-access.ts refreshes ahead of expiry), and letting an unpublished
// endpoint's 401 run the refresh-then-reconnect path could cut off a working connection.
const refusalStatuses = new Set([400, 401, 403, 404, 405]);

/**
 * "End call" from the banner: one call command to Zoom. On success the call shows "ending…"
 * until Zoom's `*_ended` event closes it; when Zoom refuses, the call is marked so the banner
 * says to hang up in the Zoom app, the refusal is logged once, and later clicks on the same
 * call do not ask Zoom again.
 */
export async function endLiveCall(
  context: AppContext,
  ownerId: string,
  callId: string,
): Promise<EndCallOutcome> {
  const [view] = await buildLiveCallViews(context.db, viewSettings(context), ownerId, [callId]);

  if (!view) throw new AppError('NOT_FOUND', 'Call not found.');

  if (view.phase === 'ended') throw new AppError('CALL_NOT_ACTIVE');

  if (view.phase === 'refused' || view.phase === 'ending') return { outcome: view.phase, view };

  const connection = await findConnectionByUser(context.db, ownerId);

  if (!connection || connection.status !== 'connected' || connection.phone_state !== 'connected') {
    throw new AppError('ZOOM_NOT_CONNECTED');
  }

  const log = context.logger.child({
    userId: ownerId,
    callId,
    zoomCallId: view.call.zoomCallId,
    connectionId: connection.id,
  });
  const pathTemplate = context.config.ZOOM_CALL_COMMAND_PATH;

  if (pathTemplate === '') {
    log.info('call command is switched off (ZOOM_CALL_COMMAND_PATH is empty)');

    return settle(context, ownerId, callId, 'refused');
  }

  const token = await accessToken(context, connection.id);

  try {
    await sendCallCommand(context.zoom, token, {
      pathTemplate,
      zoomCallId: view.call.zoomCallId,
      command: 'end',
    });
  } catch (error) {
    if (!(error instanceof ZoomError)) throw error;

    if (refusalStatuses.has(error.status)) {
      log.warn(
        {
          status: error.status,
          zoomCode: error.details.code,
          zoomTrackingId: error.details.trackingId,
        },
        'zoom refused the call command; the agent hangs up in the zoom app',
      );

      return settle(context, ownerId, callId, 'refused');
    }

    log.warn(
      { status: error.status, zoomTrackingId: error.details.trackingId },
      'zoom call command failed',
    );
    throw new AppError('ZOOM_UNAVAILABLE', undefined, { cause: error });
  }

  log.info('call end requested from zoom');

  return settle(context, ownerId, callId, 'ending');
}

async function settle(
  context: AppContext,
  ownerId: string,
  callId: string,
  outcome: 'ending' | 'refused',
): Promise<EndCallOutcome> {
  await setEndState(context.db, ownerId, callId, outcome, context.clock.now());

  const view = await publishLiveCall(context, ownerId, callId);

  if (!view) throw new AppError('NOT_FOUND', 'Call not found.');

  return { outcome, view };
}

/** A valid access token, without zoom-access.ts's retry-on-401 (see refusalStatuses). */
async function accessToken(context: AppContext, connectionId: string): Promise<string> {
  try {
    return (await context.zoomAccess.accessToken(connectionId)).token;
  } catch (error) {
    if (!(error instanceof ZoomError)) throw error;

    const code = error.outcome === 'reconnect' ? 'ZOOM_RECONNECT_NEEDED' : 'ZOOM_UNAVAILABLE';

    throw new AppError(code, undefined, { cause: error });
  }
}
