import type { AppContext } from '../../app-context.js';
import { classifyOtherParty } from '../../crm/call-party.js';
import type { CallObservation } from '../../crm/call-state.js';
import { recordCallEvent, recordCallEventIn } from '../../crm/calls.repo.js';
import type { Db } from '../../db/database.js';
import { normalisePhone } from '../../crm/phone-number.js';
import { findUserById } from '../../crm/users.repo.js';
import { maskPhone } from '../../lib/logger.js';
import {
  callHistoryRecords,
  type CallHistoryEvent,
  type CallHistoryRecord,
} from '../../webhooks/call-history-event.schema.js';
import {
  callEventSides,
  type CallParty,
  type PhoneCallEvent,
} from '../../webhooks/phone-call-event.schema.js';
import { observeCallEvent } from './call-event-observation.js';
import { observeCallRecord, otherPartyOfRecord } from './call-record-observation.js';
import type { ZoomConnection } from './connections.repo.js';
import { onLiveCallEvent } from './live-calls/live-call-events.js';

interface CallFacts {
  zoomCallId: string;
  direction: 'inbound' | 'outbound';
  observation: CallObservation;
  other: CallParty;
  agentNumber?: string | undefined;
  talkSeconds?: number | undefined;
  recordingId?: string | undefined;
  voicemailId?: string | undefined;
  zoomEvent: string;
}

/**
 * Turns what Zoom says about one call into the agent's Call Activity: one row per Zoom call id,
 * linked to every contact whose number matches the other party (DESIGN.md §3). Live call
 * events and finished call-history records both end up here.
 */
async function logCall(
  context: AppContext,
  connection: ZoomConnection,
  facts: CallFacts,
  trx?: Db,
) {
  const db = trx ?? context.db;
  const owner = await findUserById(db, connection.user_id);
  const region = owner?.default_region ?? context.config.DEFAULT_PHONE_REGION;
  const agentNumber = normalisePhone(facts.agentNumber, region)?.e164;
  const ownNumbers = [
    ...JSON.parse(connection.phone_numbers),
    ...(agentNumber ? [agentNumber] : []),
  ];
  const party = classifyOtherParty(facts.other, { region, ownNumbers });
  const record = trx ? recordCallEventIn : recordCallEvent;
  const { call, created } = await record(
    db,
    context.dialect,
    {
      ownerId: connection.user_id,
      zoomCallId: facts.zoomCallId,
      direction: facts.direction,
      observation: facts.observation,
      other: party,
      talkSeconds: facts.talkSeconds,
      recordingId: facts.recordingId,
      voicemailId: facts.voicemailId,
    },
    context.clock.now(),
  );

  // A back-fill logs thousands of calls at once; those lines are for debugging only.
  const level = facts.zoomEvent === 'backfill' ? 'debug' : 'info';

  context.logger[level](
    {
      userId: connection.user_id,
      callId: call.id,
      zoomCallId: call.zoom_call_id,
      zoomEvent: facts.zoomEvent,
      status: call.status,
      match: call.match,
      number: maskPhone(party.e164 ?? party.raw),
    },
    created ? 'call logged' : 'call updated',
  );

  return call;
}

export async function logPhoneCallEvent(
  context: AppContext,
  connection: ZoomConnection,
  event: PhoneCallEvent,
): Promise<void> {
  const { direction, agent, other } = callEventSides(event);

  const call = await logCall(context, connection, {
    zoomCallId: event.payload.object.call_id,
    direction,
    observation: observeCallEvent(event),
    other,
    agentNumber: agent.phone_number,
    zoomEvent: event.event,
  });

  // Live events also drive the agent's screen: banner, screen-pop, call-back items (issue 4).
  await onLiveCallEvent(context, connection, call, event);
}

/**
 * One finished call-history record (from a webhook or the back-fill): it fills in what live
 * events lacked — Zoom's talk time, recording and voicemail ids — and never duplicates a call.
 */
export async function logCallRecord(
  context: AppContext,
  connection: ZoomConnection,
  record: CallHistoryRecord,
  fallbackDirection: 'inbound' | 'outbound',
  zoomEvent: string,
  trx?: Db,
): Promise<{ matched: boolean }> {
  const direction = record.direction ?? fallbackDirection;

  const call = await logCall(
    context,
    connection,
    {
      zoomCallId: record.call_id,
      direction,
      observation: observeCallRecord(record, direction),
      other: otherPartyOfRecord(record, direction),
      agentNumber: direction === 'inbound' ? record.callee_did_number : record.caller_did_number,
      talkSeconds: record.talk_time,
      recordingId: record.recording_id,
      voicemailId: record.voicemail_id,
      zoomEvent,
    },
    trx,
  );

  return { matched: call.match !== 'none' };
}

export async function logCallHistoryEvent(
  context: AppContext,
  connection: ZoomConnection,
  event: CallHistoryEvent,
): Promise<void> {
  const fallbackDirection = event.event.startsWith('phone.caller_') ? 'outbound' : 'inbound';

  for (const record of callHistoryRecords(event)) {
    await logCallRecord(context, connection, record, fallbackDirection, event.event);
  }
}
