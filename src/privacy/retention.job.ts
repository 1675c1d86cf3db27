import type { AppContext } from '../app-context.js';
import type { JobHandler } from '../jobs/job-queue.js';

export const retentionJob = 'maintenance.retention';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** Queues the next hourly sweep; the key makes every process agree on one job per hour. */
export async function scheduleRetention(context: AppContext, at = context.clock.now()) {
  const hour = Math.floor(at / hourMs) * hourMs;

  await context.jobs.enqueue({
    name: retentionJob,
    payload: {},
    key: `retention:${hour}`,
    runAt: hour,
    maxAttempts: 3,
  });
}

/**
 * Keeps what we hold no longer than promised in docs/privacy.md: webhook bodies go
 * WEBHOOK_INBOX_RETENTION_DAYS after processing (the call they produced stays), finished jobs,
 * ended sessions and unused OAuth states go too. Finished jobs are ledger rows (`jobs`) on both
 * engines; on PostgreSQL graphile-worker deletes its own row of a job as soon as it completes,
 * and holds nothing but the ledger id (src/jobs/job-ledger.ts).
 */
export function createRetentionJob(context: AppContext): JobHandler {
  return async () => {
    const now = context.clock.now();
    const inboxCutoff = now - context.config.WEBHOOK_INBOX_RETENTION_DAYS * dayMs;
    const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
    const inbox = await context.db
      .deleteFrom('webhook_inbox')
      .where('status', '!=', 'pending')
      .where('processed_at', '<', inboxCutoff)
      .executeTakeFirst();
    const jobs = await context.db
      .deleteFrom('jobs')
      .where('state', 'in', ['done', 'cancelled', 'failed'])
      .where('updated_at', '<', now - 7 * dayMs)
      .executeTakeFirst();
    const sessions = await context.db
      .deleteFrom('sessions')
      .where('expires_at', '<', now)
      .executeTakeFirst();
    const states = await context.db
      .deleteFrom('oauth_states')
      .where('expires_at', '<', now)
      .executeTakeFirst();

    context.logger.info(
      {
        inbox: count(inbox),
        jobs: count(jobs),
        sessions: count(sessions),
        oauthStates: count(states),
      },
      'retention sweep done',
    );
    await scheduleRetention(context, now + hourMs);
  };
}
