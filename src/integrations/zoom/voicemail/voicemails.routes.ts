import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { requireUser } from '../../../http/auth.js';
import { AppError } from '../../../http/errors.js';
import { parseInput } from '../../../http/validation.js';
import { enqueueTranscription } from './voicemail-transcribe.job.js';
import { listVoicemails } from './voicemail.view.js';
import { findVoicemail, setVoicemailState } from './voicemails.repo.js';

const listQuery = z.object({
  contactId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const idParams = z.object({ id: z.string().min(1).max(64) });

export async function voicemailRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/api/voicemails', async (request) => {
    const user = requireUser(request);
    const query = parseInput(listQuery, request.query);

    return { voicemails: await listVoicemails(context.db, user.id, user.defaultRegion, query) };
  });

  // Retry after a failure (or once OPENAI_API_KEY is set): a fresh job with a fresh key.
  app.post('/api/voicemails/:id/retry', async (request, reply) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);
    const row = await findVoicemail(context.db, user.id, id);

    if (!row) throw new AppError('NOT_FOUND');

    if (row.status !== 'failed' && row.status !== 'not_configured') {
      throw new AppError('VOICEMAIL_NOT_RETRYABLE');
    }

    const retryCount = row.retry_count + 1;

    await setVoicemailState(
      context.db,
      user.id,
      id,
      { status: 'pending', failure_reason: null, retryCount },
      context.clock.now(),
    );
    await enqueueTranscription(context, { ...row, retry_count: retryCount });
    context.jobs.wake();

    return reply.code(202).send({ status: 'pending' });
  });
}
