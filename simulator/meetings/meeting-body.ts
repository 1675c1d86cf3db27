// Reading a create/update body the way Zoom does (meeting-api.json meetingCreate, API.md §3)
// and writing the meeting object back. Validation failures are Zoom's 400 / code 300 with
// `errors: [{field, message}]` (API.md §6.3).
import { z } from 'zod';

import type { SimUser } from '../state/users.store.js';
import { zoomTime } from '../state/zoom-time.js';
import { isTimeZone, zoomInstant } from './meeting-time.js';
import type { SimMeeting, SimMeetingSettings } from './meetings.store.js';

const START_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/;

export const meetingBody = z.object({
  topic: z.string().max(200).optional(),
  type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(8)]).optional(),
  start_time: z.string().regex(START_TIME, 'Invalid date-time format.').optional(),
  timezone: z.string().refine(isTimeZone, 'Invalid timezone.').optional(),
  duration: z.number().int().min(0).optional(),
  agenda: z.string().max(2000).optional(),
  password: z
    .string()
    .max(10)
    .regex(/^[A-Za-z0-9@_*-]*$/, 'Passcode may only contain letters, digits, @ - _ *.')
    .optional(),
  default_password: z.boolean().optional(),
  settings: z
    .object({
      auto_recording: z.enum(['local', 'cloud', 'none']).optional(),
      host_video: z.boolean().optional(),
      participant_video: z.boolean().optional(),
      join_before_host: z.boolean().optional(),
      mute_upon_entry: z.boolean().optional(),
      waiting_room: z.boolean().optional(),
    })
    .optional(),
});

export type MeetingBody = z.infer<typeof meetingBody>;

export interface ValidationFailure {
  status: 400;
  code: 300;
  message: string;
  errors: { field: string; message: string }[];
}

export function validationFailure(error: z.ZodError): ValidationFailure {
  return {
    status: 400,
    code: 300,
    message: 'Validation Failed.',
    errors: error.issues.map((issue) => ({
      field: issue.path.join('.') || 'body',
      message: issue.message,
    })),
  };
}

/** The instant a body asks for; undefined when it gives no start or one Zoom cannot read. */
export function startOf(body: MeetingBody, host: SimUser): number | undefined {
  return body.start_time === undefined
    ? undefined
    : zoomInstant(body.start_time, body.timezone ?? host.timezone);
}

const DEFAULT_SETTINGS: SimMeetingSettings = {
  auto_recording: 'none',
  host_video: false,
  participant_video: false,
  join_before_host: false,
  mute_upon_entry: false,
  waiting_room: true,
  approval_type: 2,
  audio: 'voip',
};

export function settingsOf(body: MeetingBody, current = DEFAULT_SETTINGS): SimMeetingSettings {
  return { ...current, ...(body.settings ?? {}) };
}

/**
 * The meeting object of the create (201) and get (200) responses, with only members
 * meeting-api.json lists. `start_url` is new on every call, as Zoom's expires.
 */
export function meetingObject(
  meeting: SimMeeting,
  links: { origin: string; startToken: string },
): Record<string, unknown> {
  const pwd = Buffer.from(`${meeting.id}:${meeting.password}`).toString('base64url');

  return {
    id: meeting.id,
    uuid: meeting.uuid,
    host_id: meeting.hostId,
    host_email: meeting.hostEmail,
    topic: meeting.topic,
    type: meeting.type,
    status: 'waiting',
    start_time: zoomTime(meeting.startMs),
    duration: meeting.duration,
    timezone: meeting.timezone,
    agenda: meeting.agenda,
    created_at: zoomTime(meeting.createdAt),
    // Both links point at the simulator itself, never at a real Zoom host.
    start_url: `${links.origin}/s/${meeting.id}?zak=${links.startToken}`,
    join_url: `${links.origin}/j/${meeting.id}?pwd=${pwd}`,
    password: meeting.password,
    h323_password: meeting.password,
    pstn_password: meeting.password,
    encrypted_password: pwd,
    pre_schedule: false,
    settings: { ...meeting.settings },
  };
}
