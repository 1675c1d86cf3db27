// Other people's text (a contact's name, a caller id) may carry right-to-left letters or a
// bidi override such as U+202E, which reverses everything after it until something closes it.
// Spliced into one of our sentences ("… is calling"), an override would turn our own words
// around. Wrapping such text in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (Unicode UAX #9,
// the plain-text form of <bdi>) keeps its direction to itself and closes whatever it left open.

const fsi = '\u2068';
const pdi = '\u2069';
// Explicit embeddings, overrides and isolates, and the Hebrew, Arabic, Syriac, Thaana and
// N'Ko blocks with their presentation forms (the right-to-left scripts an agent may meet).
const needsIsolation = /[\u202A-\u202E\u2066-\u2069\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;

/** `text` as it should sit inside a sentence of ours: isolated when it could reorder it. */
export function isolateBidi(text: string): string {
  return needsIsolation.test(text) ? `${fsi}${text}${pdi}` : text;
}
