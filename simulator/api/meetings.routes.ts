// Zoom's meeting endpoints for `me` (API.md §3; meeting-api.json): create, get (with a fresh
// start_url each time), update and delete. Creates and updates share the host's 100-per-day
// cap, answered with Zoom's 429 that has no Retry-After (field report 17 b).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { SimulatorContext } from '../context.js';
import {
  meetingBody,
  meetingObject,
  settingsOf,
  startOf,
  validationFailure,
} from '../meetings/meeting-body.js';
import { instanceUuid, meetingsOf, type SimMeeting } from '../meetings/meetings.store.js';
import { randomPasscode } from '../meetings/passcode.js';
import { callerWithScope } from './bearer-auth.js';
import { sendZoomError, type ZoomError } from './zoom-errors.js';

// The forum's copy of Zoom's daily-cap answer (API.md §3, field report 17 b).
export const DAILY_LIMIT_MESSAGE =
  'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests ' +
  'permitted for this particular user. You may resume these requests at GMT 00:00:00.';

const dailyLimit: ZoomError = { status: 429, code: 429, message: DAILY_LIMIT_MESSAGE };

export function meetingNotFound(id: string): ZoomError {
  return { status: 404, code: 3001, message: `Meeting does not exist: ${id}.` };
}

export function registerMeetingApiRoutes(v2: FastifyInstance, ctx: SimulatorContext): void {
  const meetings = meetingsOf(ctx.state);
  const origin = (request: FastifyRequest) =>
    ctx.settings().publicUrl ?? `${request.protocol}://${request.host}`;

  v2.post('/users/:userId/meetings', async (request, reply) => {
    const caller = callerWithScope(request, reply, 'meeting:write:meeting');

    if (!caller) {
      return reply;
    }

    const parsed = meetingBody.safeParse(request.body ?? {});

    if (!parsed.success) {
      return sendValidation(reply, validationFailure(parsed.error));
    }

    const body = parsed.data;
    const type = body.type ?? 2;
    const startMs = startOf(body, caller.user);

    if ((type === 2 || type === 8) && startMs === undefined) {
      return sendValidation(reply, {
        status: 400,
        code: 300,
        message: 'Validation Failed.',
        errors: [{ field: 'start_time', message: 'A scheduled meeting needs a start time.' }],
      });
    }

    if (!meetings.spendWrite(caller.user.zoomUserId)) {
      return sendZoomError(reply, dailyLimit);
    }

    const meeting: SimMeeting = {
      id: meetings.newMeetingId(),
      uuid: instanceUuid(),
      hostId: caller.user.zoomUserId,
      hostEmail: caller.user.email,
      topic: body.topic ?? 'Zoom meeting',
      type,
      startMs: startMs ?? ctx.state.now(),
      timezone: body.timezone ?? caller.user.timezone,
      duration: body.duration ?? 60,
      agenda: body.agenda ?? '',
      password: body.password ?? randomPasscode(),
      settings: settingsOf(body),
      createdAt: ctx.state.now(),
      instances: [],
    };

    meetings.add(meeting);

    const startToken = meetings.issueStartToken(meeting.id);

    return reply.code(201).send(meetingObject(meeting, { origin: origin(request), startToken }));
  });

  v2.get('/meetings/:meetingId', async (request, reply) => {
    const caller = callerWithScope(request, reply, 'meeting:read:meeting');
    const meeting = caller ? hostsMeeting(request, reply, caller.user.zoomUserId) : undefined;

    if (!meeting) {
      return reply;
    }

    const startToken = meetings.issueStartToken(meeting.id);

    return meetingObject(meeting, { origin: origin(request), startToken });
  });

  v2.patch('/meetings/:meetingId', async (request, reply) => {
    const caller = callerWithScope(request, reply, 'meeting:write:meeting');
    const meeting = caller ? hostsMeeting(request, reply, caller.user.zoomUserId) : undefined;

    if (!caller || !meeting) {
      return reply;
    }

    const parsed = meetingBody.safeParse(request.body ?? {});

    if (!parsed.success) {
      return sendValidation(reply, validationFailure(parsed.error));
    }

    if (!meetings.spendWrite(caller.user.zoomUserId)) {
      return sendZoomError(reply, dailyLimit);
    }

    const body = parsed.data;

    // A new wall-clock time is read in the zone sent with it, else in the meeting's own.
    const startMs =
      body.start_time === undefined
        ? undefined
        : startOf({ ...body, timezone: body.timezone ?? meeting.timezone }, caller.user);

    if (body.start_time !== undefined && startMs === undefined) {
      return sendValidation(reply, {
        status: 400,
        code: 300,
        message: 'Validation Failed.',
        errors: [{ field: 'start_time', message: 'Invalid date-time format.' }],
      });
    }

    Object.assign(meeting, {
      ...(body.topic !== undefined && { topic: body.topic }),
      ...(startMs !== undefined && { startMs }),
      ...(body.timezone !== undefined && { timezone: body.timezone }),
      ...(body.duration !== undefined && { duration: body.duration }),
      ...(body.agenda !== undefined && { agenda: body.agenda }),
      ...(body.password !== undefined && { password: body.password }),
      settings: settingsOf(body, meeting.settings),
    });

    return reply.code(204).send();
  });

  v2.delete('/meetings/:meetingId', async (request, reply) => {
    const caller = callerWithScope(request, reply, 'meeting:write:meeting');
    const meeting = caller ? hostsMeeting(request, reply, caller.user.zoomUserId) : undefined;

    if (!meeting) {
      return reply;
    }

    meetings.delete(meeting.id);

    return reply.code(204).send();
  });

  // The meeting named by the path, if the caller hosts it; otherwise Zoom's 404 / 3001 is sent.
  function hostsMeeting(
    request: FastifyRequest,
    reply: FastifyReply,
    hostId: string,
  ): SimMeeting | undefined {
    const { meetingId } = request.params as { meetingId: string };
    const meeting = /^\d{1,20}$/.test(meetingId) ? meetings.get(Number(meetingId)) : undefined;

    if (!meeting || meeting.hostId !== hostId) {
      void sendZoomError(reply, meetingNotFound(meetingId));

      return undefined;
    }

    return meeting;
  }
}

function sendValidation(
  reply: FastifyReply,
  failure: {
    status: number;
    code: number;
    message: string;
    errors: { field: string; message: string }[];
  },
): FastifyReply {
  return reply
    .code(failure.status)
    .send({ code: failure.code, message: failure.message, errors: failure.errors });
}
