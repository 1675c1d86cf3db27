// Search within a transcript: which turns mention the words, and where, so the view can show
// only those turns (or all of them) with the matches marked.
import type { TranscriptTurn } from './activities.types.js';

export interface Piece {
  text: string;
  match: boolean;
}

export interface TurnView {
  index: number;
  speaker: string | null;
  pieces: Piece[];
  matches: number;
}

/** Splits `text` around every case-insensitive occurrence of `query`. */
export function markMatches(text: string, query: string): Piece[] {
  const needle = query.trim().toLocaleLowerCase();

  if (needle === '') return [{ text, match: false }];

  const haystack = text.toLocaleLowerCase();
  const pieces: Piece[] = [];
  let from = 0;

  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) pieces.push({ text: text.slice(from, at), match: false });
    pieces.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }

  if (from < text.length) pieces.push({ text: text.slice(from), match: false });

  return pieces;
}

/** The turns to show: all when the query is empty, else those whose speaker or words match. */
export function searchTurns(turns: TranscriptTurn[], query: string): TurnView[] {
  const views = turns.map((turn, index) => {
    const pieces = markMatches(turn.text, query);
    const speakerHit =
      query.trim() !== '' &&
      (turn.speaker ?? '').toLocaleLowerCase().includes(query.trim().toLocaleLowerCase());

    return {
      index,
      speaker: turn.speaker,
      pieces,
      matches: pieces.filter((piece) => piece.match).length + (speakerHit ? 1 : 0),
    };
  });

  return query.trim() === '' ? views : views.filter((view) => view.matches > 0);
}
