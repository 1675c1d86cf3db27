import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webhookFamilies } from '../../src/integrations/zoom/webhook-families.js';
import { parseExternalJson } from '../../src/lib/text.js';
import { readEnvelope } from '../../src/webhooks/webhook-envelope.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';

// The parser sits behind the signature, but a signed body is still outside input: whatever
// JSON arrives, the answer must be "an event" or "not an event" (a 400), never an exception
// (a 500, and Zoom retrying the same body for three days).
const knownEvents = webhookFamilies.flatMap((family) => family.events);
const runs = 2000;

/** JSON shaped like Zoom's envelope, with arbitrary values where the fields go. */
const envelopeLike = fc.record(
  {
    event: fc.oneof(
      fc.constantFrom(...knownEvents, 'meeting.started', 'endpoint.url_validation'),
      fc.jsonValue(),
    ),
    event_ts: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
    payload: fc.oneof(
      fc.record(
        {
          account_id: fc.oneof(fc.string(), fc.jsonValue()),
          object: fc.oneof(
            fc.record(
              {
                call_id: fc.oneof(fc.stringMatching(/^\d{19}$/), fc.jsonValue()),
                caller: fc.jsonValue(),
                callee: fc.jsonValue(),
                user_id: fc.jsonValue(),
                recording_files: fc.jsonValue(),
                ringing_start_time: fc.oneof(
                  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
                  fc.jsonValue(),
                ),
              },
              { requiredKeys: [] },
            ),
            fc.jsonValue(),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
);

function readsWithoutThrowing(body: unknown) {
  const result = readEnvelope(body, webhookFamilies);

  if (result.ok) {
    expect(typeof result.entry.dedupeKey).toBe('string');
    expect(result.entry.event).toMatch(/^[A-Za-z0-9_.]{1,100}$/);
  } else {
    expect(typeof result.problem).toBe('string');
  }
}

describe('the webhook envelope parser, on arbitrary input', () => {
  it('any JSON value: an event or a reason it is not one, never an exception', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), readsWithoutThrowing), { numRuns: runs });
    fc.assert(fc.property(envelopeLike, readsWithoutThrowing), { numRuns: runs });
    recordReliabilityFigure({
      area: 'Property tests',
      fault: 'arbitrary and envelope-shaped JSON through the webhook parser',
      tried: 2 * runs,
      wrong: 0,
      wrongMeans: 'threw instead of a validation answer',
    });
  });

  it('any text: JSON.parse refuses with a SyntaxError only, which the route turns into a 400', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json()), (text) => {
        try {
          parseExternalJson(text);
        } catch (error) {
          expect(error).toBeInstanceOf(SyntaxError);
        }
      }),
      { numRuns: runs },
    );
  });

  it('an accepted event parses again identically from its stored text (what the job reads)', () => {
    fc.assert(
      fc.property(envelopeLike, (body) => {
        const text = JSON.stringify(body);
        const first = readEnvelope(JSON.parse(text), webhookFamilies);
        const again = readEnvelope(parseExternalJson(text), webhookFamilies);

        expect(again).toEqual(first);
      }),
      { numRuns: runs },
    );
  });
});
