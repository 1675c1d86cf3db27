import type { AppContext } from '../../../app-context.js';
import type { CallRow } from '../../../crm/calls.repo.js';
import { maskPhone } from '../../../lib/logger.js';
import type { PhoneCallEvent } from '../../../webhooks/phone-call-event.schema.js';
import type { ZoomConnection } from '../connections.repo.js';
import { lineOfCall } from './call-line.js';
import { bindDialIntent } from './dial-intents.repo.js';
import { deservesCallBack } from './live-call-rules.js';
import { publishLiveCall } from './live-call.publish.js';
import {
  closeCallBacks,
  findLiveCall,
  linkCallOnlyTo,
  noteLiveCall,
  openCallBack,
} from './live-calls.repo.js';

/**
 * What a call-status event means for the agent's screen, after call-logging.ts has folded it
 * into the call row: note the line it rang on, tie an outbound call to the Call button that
 * started it, open or close "Call back" items, and publish the call's live view. Every step is
 * idempotent, like the webhook job that runs it.
 *
 * Call-history records (and the back-fill) never come here: they describe finished calls, and
 * replaying months of them as live events would pop up and "call back" the whole history.
 */
export async function onLiveCallEvent(
  context: AppContext,
  connection: ZoomConnection,
  call: CallRow,
  event: PhoneCallEvent,
): Promise<void> {
  const { db } = context;
  const ownerId = connection.user_id;
  const now = context.clock.now();
  const log = context.logger.child({ userId: ownerId, callId: call.id, zoomEvent: event.event });
  const republish: string[] = [];

  await noteLiveCall(db, { callId: call.id, ownerId, line: lineOfCall(event), now });

  if (call.direction === 'outbound' && call.external_number_e164) {
    const intent = await bindDialIntent(db, {
      ownerId,
      callId: call.id,
      e164: call.external_number_e164,
      startedAt: call.started_at ?? now,
    });

    if (intent?.contactId) await linkCallOnlyTo(db, ownerId, call.id, intent.contactId);

    if (intent) log.debug({ dialIntentId: intent.id }, 'outbound call tied to its dial intent');

    // Calling the number back from anywhere (the Zoom app included) settles its missed calls.
    republish.push(
      ...(await closeCallBacks(db, ownerId, { e164: call.external_number_e164 }, now)),
    );
  }

  const live = await findLiveCall(db, ownerId, call.id);

  if (live && deservesCallBack(call, live)) {
    await openCallBack(db, ownerId, call.id, now);
    log.info({ number: maskPhone(call.external_number_e164) }, 'missed call left a call-back item');
  }

  await publishLiveCall(context, ownerId, call.id);

  for (const callId of republish) await publishLiveCall(context, ownerId, callId);
}
