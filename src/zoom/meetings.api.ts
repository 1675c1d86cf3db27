import { z } from 'zod';
import { meetingWriteFailure } from './meeting-failures.js';
import { ZoomError } from './zoom-error.js';
import { expectZoomOk, readZoomJson, sendZoomRequest, type ZoomHttpSettings } from './zoom-http.js';

/**
 * The body of a scheduled meeting as 1Thing sends it (API.md §3). `start_time` is either UTC
 * with `Z` and no `timezone`, or wall-clock time with `timezone`; never a mix (field report 6).
 */
export interface MeetingRequest {
  topic: string;
  type: 2;
  start_time: string;
  timezone?: string;
  duration: number;
  agenda?: string;
  settings: { auto_recording: 'cloud' };
}

// POST /users/{userId}/meetings 201 and GET /meetings/{meetingId} 200 (meeting-api.json,
// meetingCreate / meeting). Only the members we read; Zoom adds many more.
const meetingSchema = z.looseObject({
  id: z.number().int().positive(),
  uuid: z.string().optional(),
  host_id: z.string().optional(),
  topic: z.string().optional(),
  start_time: z.string().optional(),
  timezone: z.string().optional(),
  duration: z.number().optional(),
  join_url: z.string().min(1),
  start_url: z.string().optional(),
  password: z.string().optional(),
});

export type ZoomMeeting = z.infer<typeof meetingSchema>;

interface Call {
  settings: ZoomHttpSettings;
  accessToken: string;
}

export async function createMeeting(call: Call, body: MeetingRequest): Promise<ZoomMeeting> {
  const operation = 'meetings.create';
  const response = await sendZoomRequest({
    operation,
    method: 'POST',
    url: `${call.settings.apiUrl}/users/me/meetings`,
    accessToken: call.accessToken,
    json: body,
    timeoutMs: call.settings.timeoutMs,
  });
  const failure = await meetingWriteFailure(operation, response);

  if (failure) throw failure;

  return readZoomJson(operation, response, meetingSchema);
}

/** The meeting as Zoom has it now, with a `start_url` fresh for the next two hours (API.md §3). */
export async function getMeeting(call: Call, meetingId: string): Promise<ZoomMeeting> {
  const response = await sendZoomRequest({
    operation: 'meetings.get',
    url: `${call.settings.apiUrl}/meetings/${encodeURIComponent(meetingId)}`,
    accessToken: call.accessToken,
    timeoutMs: call.settings.timeoutMs,
  });

  return readZoomJson('meetings.get', response, meetingSchema);
}

/** PATCH /meetings/{meetingId} answers 204; it counts against the same daily cap as create. */
export async function updateMeeting(
  call: Call,
  meetingId: string,
  body: Partial<MeetingRequest>,
): Promise<void> {
  const operation = 'meetings.update';
  const response = await sendZoomRequest({
    operation,
    method: 'PATCH',
    url: `${call.settings.apiUrl}/meetings/${encodeURIComponent(meetingId)}`,
    accessToken: call.accessToken,
    json: body,
    timeoutMs: call.settings.timeoutMs,
  });
  const failure = await meetingWriteFailure(operation, response);

  if (failure) throw failure;

  await expectZoomOk(operation, response);
}

/** DELETE /meetings/{meetingId}. A meeting Zoom no longer has is as good as deleted. */
export async function deleteMeeting(call: Call, meetingId: string): Promise<'deleted' | 'gone'> {
  const response = await sendZoomRequest({
    operation: 'meetings.delete',
    method: 'DELETE',
    url: `${call.settings.apiUrl}/meetings/${encodeURIComponent(meetingId)}`,
    accessToken: call.accessToken,
    timeoutMs: call.settings.timeoutMs,
  });

  try {
    await expectZoomOk('meetings.delete', response);

    return 'deleted';
  } catch (error) {
    if (error instanceof ZoomError && error.outcome === 'not_found') return 'gone';

    throw error;
  }
}
