import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { requireUser } from '../../../http/auth.js';
import { parseInput } from '../../../http/validation.js';
import { transcriptRoutes } from '../transcripts/transcript.routes.js';
import { currentMeeting, freshStartUrl, removeMeeting, requestMeeting } from './meeting.flow.js';
import { meetingView } from './meeting-view.js';
import { listMeetings } from './meetings.repo.js';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** The Meeting section of an activity: create, read, start as host, remove; its transcript. */
export async function meetingRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  await app.register(transcriptRoutes, context);

  app.post('/api/activities/:id/zoom-meeting', async (request, reply) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);
    const { status, meeting } = await requestMeeting(context, user.id, id);

    return reply.code(status).send({ meeting });
  });

  app.get('/api/activities/:id/zoom-meeting', async (request) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);

    return { meeting: await currentMeeting(context, user.id, id) };
  });

  app.delete('/api/activities/:id/zoom-meeting', async (request, reply) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);

    await removeMeeting(context, user.id, id);

    return reply.code(202).send({ removed: true });
  });

  app.get('/api/activities/:id/zoom-meeting/start-url', async (request, reply) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);
    const startUrl = await freshStartUrl(context, user.id, id);

    // The link starts the meeting as its host: no cache may keep it.
    return reply.header('cache-control', 'no-store').send({ startUrl });
  });

  app.get('/api/zoom-meetings', async (request) => {
    const user = requireUser(request);
    const rows = await listMeetings(context.db, user.id);

    return { meetings: rows.map(meetingView) };
  });
}
