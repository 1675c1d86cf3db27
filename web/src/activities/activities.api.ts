import { apiRequest, segment } from '../api/api-client.js';
import type { Activity, ActivityInput, Transcript, ZoomMeeting } from './activities.types.js';

export async function listActivities(contactId?: string): Promise<Activity[]> {
  const { activities } = await apiRequest<{ activities: Activity[] }>('/api/activities', {
    query: { contactId },
  });

  return activities;
}

export async function getActivity(id: string): Promise<Activity> {
  const { activity } = await apiRequest<{ activity: Activity }>(`/api/activities/${segment(id)}`);

  return activity;
}

export async function createActivity(input: ActivityInput): Promise<Activity> {
  const { activity } = await apiRequest<{ activity: Activity }>('/api/activities', {
    method: 'POST',
    body: input,
  });

  return activity;
}

export async function updateActivity(id: string, input: ActivityInput): Promise<Activity> {
  const { activity } = await apiRequest<{ activity: Activity }>(`/api/activities/${segment(id)}`, {
    method: 'PATCH',
    body: input,
  });

  return activity;
}

export async function deleteActivity(id: string): Promise<void> {
  await apiRequest<void>(`/api/activities/${segment(id)}`, { method: 'DELETE' });
}

export async function getMeeting(activityId: string): Promise<ZoomMeeting | null> {
  const { meeting } = await apiRequest<{ meeting: ZoomMeeting | null }>(
    `/api/activities/${segment(activityId)}/zoom-meeting`,
  );

  return meeting;
}

/** All the agent's meetings, for the activity list's badges. */
export async function listMeetings(): Promise<ZoomMeeting[]> {
  const { meetings } = await apiRequest<{ meetings: ZoomMeeting[] }>('/api/zoom-meetings');

  return meetings;
}

export async function createMeeting(activityId: string): Promise<ZoomMeeting> {
  const { meeting } = await apiRequest<{ meeting: ZoomMeeting }>(
    `/api/activities/${segment(activityId)}/zoom-meeting`,
    { method: 'POST' },
  );

  return meeting;
}

export async function removeMeeting(activityId: string): Promise<void> {
  await apiRequest<unknown>(`/api/activities/${segment(activityId)}/zoom-meeting`, {
    method: 'DELETE',
  });
}

/** A host link fresh from Zoom; it is opened at once and kept nowhere. */
export async function startUrl(activityId: string): Promise<string> {
  const { startUrl: url } = await apiRequest<{ startUrl: string }>(
    `/api/activities/${segment(activityId)}/zoom-meeting/start-url`,
  );

  return url;
}

export async function getTranscript(activityId: string): Promise<Transcript | null> {
  const { transcript } = await apiRequest<{ transcript: Transcript | null }>(
    `/api/activities/${segment(activityId)}/transcript`,
  );

  return transcript;
}
