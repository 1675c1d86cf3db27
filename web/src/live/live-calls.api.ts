import { apiRequest, segment } from '../api/api-client.js';
import type { LiveCallView } from './live-call.types.js';

/** Tells the server which contact a Call click was for, before Zoom reports the call. */
export async function recordDialIntent(input: {
  number: string;
  contactId?: string | null;
  callBackOf?: string | null;
}): Promise<void> {
  await apiRequest('/api/dial-intents', { method: 'POST', body: input });
}

/** Asks Zoom to hang up; throws CALL_END_REFUSED when the agent must do it in the Zoom app. */
export async function endCall(callId: string): Promise<LiveCallView> {
  const { call } = await apiRequest<{ call: LiveCallView }>(`/api/calls/${segment(callId)}/end`, {
    method: 'POST',
  });

  return call;
}

export async function linkCallToContact(callId: string, contactId: string): Promise<LiveCallView> {
  const { call } = await apiRequest<{ call: LiveCallView }>(
    `/api/calls/${segment(callId)}/contacts`,
    { method: 'POST', body: { contactId } },
  );

  return call;
}

export async function dismissCallBack(callId: string): Promise<void> {
  await apiRequest<void>(`/api/calls/${segment(callId)}/callback`, { method: 'DELETE' });
}
