// Cloud recordings for `me` (API.md §4; meeting-api.json): one meeting instance's files, with
// a fresh download_access_token on request, and the user's recordings by date. Instance UUIDs
// are read as Zoom reads them (field report 7): one that starts with `/` or holds `//` must
// arrive double-encoded, else Zoom answers 404 / 3001 naming the UUID without its slashes;
// any other UUID is encoded once, and a raw `+` in it is read as a space.
import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { recordingMeeting } from '../meetings/recording-files.js';
import { meetingsOf, type SimInstance } from '../meetings/meetings.store.js';
import { parseRangeBound } from '../state/zoom-time.js';
import { callerWithScope } from './bearer-auth.js';
import { meetingNotFound } from './meetings.routes.js';
import { invalidParam, sendZoomError, type ZoomError } from './zoom-errors.js';

const NO_RECORDING: ZoomError = {
  status: 404,
  code: 3301,
  message: 'There is no recording for this meeting.',
};

// meeting-api.json: the download_access_token's ttl is 0-604800 seconds.
const MAX_TTL_SECONDS = 604_800;

/** The meeting id or instance UUID the raw path names, or the answer Zoom would give instead. */
export function meetingKeyOf(rawUrl: string): { key: string } | { failure: ZoomError } {
  const path = rawUrl.split('?')[0] ?? '';
  const raw = path.replace(/^\/v2\/meetings\//, '').replace(/\/recordings$/, '');

  if (raw.includes('/')) {
    return { failure: meetingNotFound(decodeSafely(raw.replaceAll('/', ''))) };
  }

  const once = decodeSafely(raw.replaceAll('+', ' '));

  if (once.startsWith('/') || once.includes('//')) {
    return { failure: meetingNotFound(once.replaceAll('/', '')) };
  }

  return { key: once.includes('%') ? decodeSafely(once) : once };
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function registerRecordingApiRoutes(v2: FastifyInstance, ctx: SimulatorContext): void {
  const meetings = meetingsOf(ctx.state);
  const origin = (request: FastifyRequest) =>
    ctx.settings().publicUrl ?? `${request.protocol}://${request.host}`;

  v2.get('/meetings/:meetingId/recordings', async (request, reply) => {
    const caller = callerWithScope(request, reply, 'cloud_recording:read:list_recording_files');

    if (!caller) {
      return reply;
    }

    const named = meetingKeyOf(request.url);

    if ('failure' in named) {
      return sendZoomError(reply, named.failure);
    }

    const instance = /^\d{1,20}$/.test(named.key)
      ? meetings.get(Number(named.key))?.instances.at(-1)
      : meetings.instance(named.key);
    const meeting = instance ? meetings.get(instance.meetingId) : undefined;

    if (!instance || !meeting || meeting.hostId !== caller.user.zoomUserId) {
      return sendZoomError(
        reply,
        /^\d+$/.test(named.key) ? NO_RECORDING : meetingNotFound(named.key),
      );
    }

    if (instance.files.length === 0) {
      return sendZoomError(reply, NO_RECORDING);
    }

    const query = request.query as { include_fields?: string; ttl?: string };
    const body: Record<string, unknown> = {
      ...recordingMeeting(meetings, meeting, instance, caller.user.accountId, origin(request)),
      password: meeting.password,
      recording_play_passcode: meeting.password,
    };

    if ((query.include_fields ?? '').split(',').includes('download_access_token')) {
      const ttl = Math.min(MAX_TTL_SECONDS, Math.max(0, Number(query.ttl ?? 86_400) || 0));

      body.download_access_token = meetings.issueDownloadToken(instance.uuid, ttl * 1000);
    }

    return body;
  });

  v2.get('/users/:userId/recordings', async (request, reply) => {
    const caller = callerWithScope(request, reply, 'cloud_recording:read:list_user_recordings');

    if (!caller) {
      return reply;
    }

    const query = request.query as Record<string, string | undefined>;
    const today = new Date(ctx.state.now()).toISOString().slice(0, 10);
    const from = query.from ?? today;
    const to = query.to ?? today;
    const fromMs = parseRangeBound(from, 'start');
    const toMs = parseRangeBound(to, 'end');

    if (fromMs === undefined || toMs === undefined || toMs < fromMs) {
      return sendZoomError(reply, invalidParam('from/to'));
    }

    // API.md §4.1: the range may span at most one month.
    if (toMs - fromMs > 31 * 86_400_000) {
      return sendZoomError(reply, invalidParam('from/to', 'The range may be one month at most.'));
    }

    const pageSize = Math.min(300, Math.max(1, Number(query.page_size ?? 30) || 30));
    const instances: SimInstance[] = meetings
      .list()
      .filter((meeting) => meeting.hostId === caller.user.zoomUserId)
      .filter((meeting) => !query.meeting_id || String(meeting.id) === query.meeting_id)
      .flatMap((meeting) => meeting.instances)
      .filter((instance) => instance.files.length > 0)
      .filter((instance) => instance.startMs >= fromMs && instance.startMs <= toMs)
      .sort((a, b) => b.startMs - a.startMs);
    const page = instances.slice(0, pageSize);

    return {
      from,
      to,
      page_count: Math.ceil(instances.length / pageSize),
      page_size: pageSize,
      total_records: instances.length,
      next_page_token: '',
      meetings: page.map((instance) =>
        recordingMeeting(
          meetings,
          meetings.get(instance.meetingId) as NonNullable<ReturnType<typeof meetings.get>>,
          instance,
          caller.user.accountId,
          origin(request),
        ),
      ),
    };
  });
}
