// What a finished call leaves behind besides its own events: an inbound call that went to
// voicemail leaves the fixture voicemail, and a recorded call its recording (issue 6).
import type { SimCall } from '../calls/call.types.js';
import type { SimulatorContext } from '../context.js';
import type { SimUser } from '../state/users.store.js';
import { audioFixtures } from './audio-fixtures.js';
import { finishRecording, leaveVoicemail } from './phone-media.events.js';

/** When the call went to voicemail: its ringing's end. */
export function voicemailStart(call: SimCall): number {
  return call.timeline.ringingStart + call.ringSeconds * 1000;
}

export function afterCallMedia(
  ctx: SimulatorContext,
  agent: SimUser,
  call: SimCall,
  record: boolean,
): void {
  const fixtures = audioFixtures();
  const externalNumber = call.external.hidden ? '' : (call.external.number ?? '');
  const audio = (fixture: 'voicemail' | 'recording') => ({
    kind: 'bytes' as const,
    bytes: fixtures[fixture].bytes,
    contentType: fixtures[fixture].contentType,
  });

  if (call.direction === 'inbound' && call.outcome === 'voicemail') {
    leaveVoicemail(ctx, agent, {
      callId: call.callId,
      // Zoom's own example drops the `+` (WEBHOOKS.md §3.1); so do we.
      callerNumber: externalNumber.replace(/^\+/, ''),
      callerName: call.external.name,
      audio: audio('voicemail'),
      // Zoom's date_time is when the voicemail started: the ringing's end. The simulator plays
      // a call's timeline ahead of its clock, so that moment is held to now, where Zoom's list
      // (which ends now by default) can see it.
      atMs: Math.min(voicemailStart(call), ctx.state.now()),
    });
  }

  if (record && call.timeline.answer !== undefined) {
    finishRecording(ctx, agent, {
      callId: call.callId,
      direction: call.direction,
      externalNumber,
      audio: audio('recording'),
    });
  }
}
