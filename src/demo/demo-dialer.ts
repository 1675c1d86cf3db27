import type { AppContext } from '../app-context.js';
import { findConnectionByUser } from '../integrations/zoom/connections.repo.js';

/**
 * Demo mode only: the simulator stands in for the Zoom app that a `zoomphonecall://` link
 * would open (a browser cannot run it), so a Call click makes the simulator place that call
 * and keep it open until "End call" or a hang-up on the simulator's live-calls page. Real Zoom
 * places the call itself; this is never used outside demo mode.
 */
export async function dialInSimulator(
  context: AppContext,
  userId: string,
  e164: string,
): Promise<void> {
  const simulatorUrl = context.simulatorUrl;
  const connection = await findConnectionByUser(context.db, userId);

  if (!simulatorUrl || connection?.phone_state !== 'connected') return;

  const response = await fetch(`${simulatorUrl}/sim/calls/held`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      zoomUserId: connection.zoom_user_id,
      direction: 'outbound',
      externalNumber: e164,
      state: 'connected',
    }),
  });

  if (!response.ok) {
    context.logger.warn({ userId, status: response.status }, 'simulator did not place the call');
  }

  await response.body?.cancel();
}
