// What a Call button dials. The server stores every contact number as E.164 (national numbers
// read with the agent's region) plus an extension kept apart; the button dials the E.164 form
// only, since `zoomphonecall://` has no way to dial an extension after the call connects.

export type DialTarget =
  | { dialable: true; e164: string; extension: string | null; uri: string }
  | { dialable: false; reason: string };

// E.164: a plus, a country code that does not start with 0, at most 15 digits in all.
const E164 = /^\+[1-9]\d{6,14}$/;

export function dialTarget(number: { e164: string | null; extension?: string | null }): DialTarget {
  if (number.e164 === null || !E164.test(number.e164)) {
    return { dialable: false, reason: 'Not a complete phone number, so Zoom cannot dial it.' };
  }

  return {
    dialable: true,
    e164: number.e164,
    extension: number.extension ?? null,
    // API.md §7: `zoomphonecall://{number}`, E.164 with the plus, as Zoom's examples show.
    uri: `zoomphonecall://${number.e164}`,
  };
}

/** The other party of a logged call, as a number the button may dial; null when there is none. */
export function callBackNumber(call: {
  externalNumber: string | null;
  match: string;
}): { e164: string | null } | null {
  if (call.match === 'internal' || call.match === 'unknown_caller' || !call.externalNumber) {
    return null;
  }

  return { e164: call.externalNumber };
}
