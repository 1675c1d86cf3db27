import { apiRequest, segment } from '../api/api-client.js';

export type VoicemailStatus =
  'pending' | 'transcribing' | 'done' | 'failed' | 'too_large' | 'not_configured';

export interface Voicemail {
  id: string;
  receivedAt: string;
  durationSeconds: number | null;
  caller: { name: string | null; number: string | null };
  contacts: { id: string; name: string }[];
  status: VoicemailStatus;
  failureReason: string | null;
  transcript: { text: string; engine: string } | null;
  retryable: boolean;
}

export interface Recording {
  id: string;
  zoomCallId: string | null;
  status: 'available' | 'download_failed_auth' | 'deleted_in_zoom';
  audioUrl: string;
}

export async function listVoicemails(contactId?: string, signal?: AbortSignal) {
  const { voicemails } = await apiRequest<{ voicemails: Voicemail[] }>('/api/voicemails', {
    query: { contactId },
    ...(signal && { signal }),
  });

  return voicemails;
}

export function retryVoicemail(id: string) {
  return apiRequest<{ status: string }>(`/api/voicemails/${segment(id)}/retry`, {
    method: 'POST',
  });
}

export async function listRecordings() {
  const { recordings } = await apiRequest<{ recordings: Recording[] }>('/api/recordings');

  return recordings;
}
