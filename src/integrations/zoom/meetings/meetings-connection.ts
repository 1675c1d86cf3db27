import type { Db } from '../../../db/database.js';
import { findConnectionByUser, type ZoomConnection } from '../connections.repo.js';
import type { MeetingProblem } from './meeting-write-failure.js';

/**
 * The agent's Zoom connection when their Meetings card is on and the grant still works;
 * otherwise the problem to show. Phone alone is not enough: the scopes differ (DESIGN.md §1).
 */
export async function meetingsConnection(
  db: Db,
  userId: string,
): Promise<{ connection: ZoomConnection } | { problem: MeetingProblem }> {
  const connection = await findConnectionByUser(db, userId);

  if (!connection || connection.meetings_state === 'not_connected') {
    return {
      problem: {
        code: 'ZOOM_MEETINGS_NOT_CONNECTED',
        message: 'Connect Zoom Meetings in Settings → Integrations first.',
      },
    };
  }

  if (connection.status !== 'connected' || connection.meetings_state !== 'connected') {
    return {
      problem: {
        code: 'ZOOM_RECONNECT_NEEDED',
        message: 'Zoom no longer accepts 1Thing’s access. Reconnect Zoom Meetings in Settings.',
      },
    };
  }

  return { connection };
}
