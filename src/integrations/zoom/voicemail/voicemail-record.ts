import { classifyOtherParty } from '../../../crm/call-party.js';
import { downloadFileId } from './voicemail-event.schema.js';
import type { NewVoicemail } from './voicemails.repo.js';

/** What Zoom tells us of one voicemail, in its event or in its voicemail list alike. */
export interface ZoomVoicemailFacts {
  id: string;
  date_time: string;
  download_url: string;
  duration?: number | undefined;
  caller_number?: string | undefined;
  caller_name?: string | undefined;
  caller_user_id?: string | undefined;
  /** 1 internal, 2 external (phone-api.json). */
  caller_number_type?: number | undefined;
  call_id?: string | undefined;
}

export interface VoicemailOwner {
  ownerId: string;
  region: string;
  ownNumbers: readonly string[];
}

/**
 * The voicemail row for what Zoom said, the same whichever way it arrived, so a webhook and the
 * back-fill store the same thing and meet on Zoom's id. The row keeps Zoom's call id and the
 * caller's number; contacts are found through them when the voicemail is read
 * (voicemail.view.ts). Null when Zoom gave no usable download reference.
 */
export function voicemailFromZoom(
  facts: ZoomVoicemailFacts,
  owner: VoicemailOwner,
  settings: { whisperConfigured: boolean; now: number; zoomTranscript?: string | null },
): NewVoicemail | null {
  const fileId = downloadFileId(facts.download_url);

  if (!fileId) return null;

  const caller = classifyOtherParty(
    {
      phone_number: facts.caller_number,
      name: facts.caller_name,
      user_id: facts.caller_user_id,
      extension_type: facts.caller_number_type === 1 ? 'user' : 'pstn',
    },
    { region: owner.region, ownNumbers: owner.ownNumbers },
  );
  const receivedAt = Date.parse(facts.date_time);

  return {
    ownerId: owner.ownerId,
    zoomVoicemailId: facts.id,
    zoomCallId: facts.call_id ?? null,
    callerNumberRaw: caller.raw,
    callerE164: caller.kind === 'pstn' ? caller.e164 : null,
    callerName: caller.name,
    downloadFileId: fileId,
    durationSeconds: facts.duration ?? null,
    receivedAt: Number.isFinite(receivedAt) ? receivedAt : settings.now,
    status: settings.whisperConfigured ? 'pending' : 'not_configured',
    zoomTranscript: settings.zoomTranscript ?? null,
  };
}
