import autocannon from 'autocannon';
import { signZoomPayload } from '../src/webhooks/signature.js';

/** The webhook secret every ingest benchmark signs with and configures its servers with. */
export const benchWebhookSecret = 'bench-webhook-secret';

let sequence = 0;

/** A distinct, Zoom-shaped phone.callee_ended body each time, so nothing is a redelivery. */
export function nextCallEndedBody(): string {
  sequence += 1;

  // Unique across processes and runs as well: the clock part moves every millisecond.
  const callId = String(7_290_000_000_000_000_000n + BigInt(sequence) + BigInt(Date.now()) * 1000n);

  return JSON.stringify({
    event: 'phone.callee_ended',
    event_ts: Date.now(),
    payload: {
      account_id: 'acct_bench',
      object: {
        call_id: callId,
        caller: {
          name: 'WIRELESS CALLER',
          phone_number: '+15125550147',
          connection_type: 'pstn_off_net',
        },
        callee: {
          extension_type: 'user',
          user_id: 'zu_bench',
          name: 'Agent',
          phone_number: '+15125550110',
          extension_number: 1042,
        },
        ringing_start_time: '2026-12-03T15:00:00Z',
        answer_start_time: '2026-12-03T15:00:05Z',
        call_end_time: '2026-12-03T15:02:05Z',
        handup_result: 'Call connected',
      },
    },
  });
}

/** Posts freshly signed, distinct webhook bodies to `url` for `seconds`. */
export function sendSignedWebhooks(url: string, connections: number, seconds: number) {
  return autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const body = nextCallEndedBody();
          const timestamp = String(Math.floor(Date.now() / 1000));

          return {
            ...request,
            body,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'x-zm-request-timestamp': timestamp,
              'x-zm-signature': signZoomPayload(benchWebhookSecret, timestamp, body),
            },
          };
        },
      },
    ],
  });
}
