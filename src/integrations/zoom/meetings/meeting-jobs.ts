import type { AppContext } from '../../../app-context.js';
import {
  createTranscriptFetchJob,
  transcriptFetchJob,
} from '../transcripts/transcript-fetch.job.js';
import { createTranscriptPollJob, transcriptPollJob } from '../transcripts/transcript-poll.job.js';
import { createMeetingCreateJob, meetingCreateJob } from './meeting-create.job.js';
import {
  createMeetingDeleteJob,
  deleteOrphanedMeetings,
  meetingDeleteJob,
} from './meeting-delete.job.js';
import { createMeetingUpdateJob, meetingUpdateJob } from './meeting-update.job.js';

/**
 * Registers the meeting and transcript jobs, and queues the deletion of any meeting whose
 * activity went while the app was down.
 */
export async function registerMeetingJobs(context: AppContext): Promise<void> {
  context.jobs.register(meetingCreateJob, createMeetingCreateJob(context));
  context.jobs.register(meetingUpdateJob, createMeetingUpdateJob(context));
  context.jobs.register(meetingDeleteJob, createMeetingDeleteJob(context));
  context.jobs.register(transcriptFetchJob, createTranscriptFetchJob(context));
  context.jobs.register(transcriptPollJob, createTranscriptPollJob(context));

  await deleteOrphanedMeetings(context, null);
}
