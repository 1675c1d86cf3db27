import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../../app-context.js';
import { deleteOrphanedMeetings } from './meeting-delete.job.js';
import { enqueueMeetingUpdate } from './meeting-update.job.js';
import { findMeetingByActivity } from './meetings.repo.js';

const activityRoute = '/api/activities/:id';

/**
 * Keeps an activity's Zoom meeting in step with the activity without the CRM's activity
 * routes knowing about Zoom: after a successful PATCH the meeting is checked against the
 * activity (and updated at Zoom when its time or title moved); after a successful DELETE the
 * orphaned meeting is deleted at Zoom. Both run as jobs, so a slow or failing Zoom never
 * holds up or undoes the activity change.
 *
 * Registered without encapsulation, before the activity routes, so its hook reaches them.
 * A process that dies between the activity's delete and this hook leaves an orphan that the
 * next delete by the same agent, or the next start-up, still finds (`deleteOrphanedMeetings`).
 */
async function activityMeetingHooks(app: FastifyInstance, context: AppContext): Promise<void> {
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url !== activityRoute || !request.sessionUser) return;

    const ownerId = request.sessionUser.id;
    const { id } = request.params as { id?: string };

    try {
      if (request.method === 'PATCH' && reply.statusCode === 200 && id) {
        const meeting = await findMeetingByActivity(context.db, ownerId, id);

        if (meeting && meeting.state !== 'failed') {
          await enqueueMeetingUpdate(context, meeting.id, ownerId);
          context.jobs.wake();
        }
      }

      if (request.method === 'DELETE' && reply.statusCode === 204) {
        if ((await deleteOrphanedMeetings(context, ownerId)) > 0) context.jobs.wake();
      }
    } catch (error) {
      request.log.error({ err: error }, 'zoom meeting follow-up of an activity change failed');
    }
  });
}

export const activityMeetingSync = Object.assign(activityMeetingHooks, {
  [Symbol.for('skip-override')]: true,
}) as FastifyPluginAsync<AppContext>;
