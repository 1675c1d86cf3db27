import type { ActivityRow } from '../../../crm/activities.repo.js';
import type { MeetingRequest } from '../../../zoom/meetings.api.js';
import { zoomStartTime } from './meeting-time.js';

// meeting-api.json meetingCreate: topic ≤ 200, agenda ≤ 2000 characters.
const topicMax = 200;
const agendaMax = 2000;
const defaultDurationMinutes = 30;

/**
 * The Zoom meeting an activity asks for: its title and contact as the topic, its notes as the
 * agenda, its instant and zone as the start (see meeting-time.ts), and cloud recording on so
 * the transcript can come back. Null when the activity has no time.
 */
export function meetingRequestFor(
  activity: ActivityRow,
  contactName: string | null,
): MeetingRequest | null {
  if (activity.starts_at === null) return null;

  const topic = contactName ? `${activity.title} · ${contactName}` : activity.title;
  const request: MeetingRequest = {
    topic: clip(topic, topicMax),
    type: 2,
    ...zoomStartTime(activity.starts_at, activity.time_zone),
    duration: activity.duration_minutes ?? defaultDurationMinutes,
    settings: { auto_recording: 'cloud' },
  };

  if (activity.notes?.trim()) request.agenda = clip(activity.notes.trim(), agendaMax);

  return request;
}

/** Cuts on a code-point boundary, marking the cut with an ellipsis. */
function clip(text: string, max: number): string {
  const points = [...text];

  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}
