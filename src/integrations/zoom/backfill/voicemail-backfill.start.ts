import type { AppContext } from '../../../app-context.js';
import { findConnectionByUser } from '../connections.repo.js';
import { enqueueVoicemailStep } from './voicemail-backfill.job.js';

const listScope = 'phone:read:list_voicemails';

/**
 * Starts importing the agent's older voicemails beside a call-history run, over the same
 * month windows (Zoom's voicemail list has the same one-month, six-month limits; API.md §5.5).
 * A grant without the list scope (an app set up before voicemails) is left alone: the import
 * would only collect Zoom's 4711 answers; voicemails still arrive by webhook.
 */
export async function startVoicemailImport(context: AppContext, runId: string, userId: string) {
  const connection = await findConnectionByUser(context.db, userId);
  const scopes = (connection?.scopes ?? '').split(/\s+/);

  if (!scopes.includes(listScope)) {
    context.logger.info({ userId, runId }, 'voicemail import skipped: list scope not granted');

    return;
  }

  await enqueueVoicemailStep(context, {
    runId,
    userId,
    windowIndex: 0,
    pageToken: null,
    pageTokenAt: null,
    step: 0,
  });
  context.logger.info({ userId, runId }, 'voicemail import started');
}
