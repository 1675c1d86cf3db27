import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { getActivity } from '../../../crm/activities.repo.js';
import { requireUser } from '../../../http/auth.js';
import { AppError } from '../../../http/errors.js';
import { parseInput } from '../../../http/validation.js';
import { transcriptOfActivity } from './transcripts.repo.js';
import type { TranscriptTurn } from './vtt-transcript.js';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** GET /api/activities/{id}/transcript: the meeting's transcript on the activity, or null. */
export async function transcriptRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/api/activities/:id/transcript', async (request) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);

    if (!(await getActivity(context.db, user.id, id))) {
      throw new AppError('NOT_FOUND', 'Activity not found.');
    }

    const row = await transcriptOfActivity(context.db, user.id, id);

    if (!row) return { transcript: null };

    return {
      transcript: {
        status: row.status,
        text: row.text,
        turns: JSON.parse(row.turns) as TranscriptTurn[],
        cueCount: row.cue_count,
        createdAt: new Date(row.created_at).toISOString(),
      },
    };
  });
}
