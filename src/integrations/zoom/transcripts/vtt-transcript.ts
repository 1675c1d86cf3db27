import { createRequire } from 'node:module';
import webvttParser from 'webvtt-parser';
import type { Entity, Tree, TreeNode, TreeNodeObjectTagNameWithRt } from 'webvtt-parser';
import { readPlainCues } from './vtt-fast-path.js';

const { WebVTTParser } = webvttParser;

// The parser knows six named character references unless given the HTML table it ships, and
// then mangles `&amp;` into `&;` (its README: pass html-entities.json for spec behaviour).
const htmlEntities = createRequire(import.meta.url)('webvtt-parser/html-entities.json') as Record<
  Entity,
  string
>;

export interface TranscriptTurn {
  /** Who spoke, from a `<v Name>` span or Zoom's `Name: ` prefix; null when the cue names nobody. */
  speaker: string | null;
  text: string;
}

export type TranscriptParse =
  | {
      ok: true;
      turns: TranscriptTurn[];
      /** "Speaker: text" lines, one per turn. */
      text: string;
      cueCount: number;
      /** False when the file ends inside a cue (a cut-off download). */
      complete: boolean;
    }
  | { ok: false; reason: 'empty' | 'not_vtt' };

// WebVTT §4.1: an optional U+FEFF, then "WEBVTT", then a space, a tab or the end of the line.
const signature = /^\uFEFF?WEBVTT(?:[ \t\r\n]|$)/;

// Zoom writes the speaker as "Dana Reyes: …": up to 80 characters before the first colon,
// then white space. A colon not followed by white space ("3:30", "12:00pm") is speech, and so
// is anything after the first "Name: ".
const speakerMax = 80;

const parser = new WebVTTParser(htmlEntities);

/**
 * Turns a Zoom transcript (VTT) into readable turns. The file is read by webvtt-parser, a
 * WebVTT parser written to the W3C specification, so a BOM, CRLF or CR line ends, cue
 * identifiers, NOTE and STYLE blocks, cue settings, tags and character references are handled
 * as browsers handle them; cue numbers and timings never reach the text. Plain files, the kind
 * Zoom writes, are read by an exact shortcut (vtt-fast-path.ts) unless `fastPath` is false.
 * Consecutive cues of one speaker become one turn, and the lines of a multi-line cue are
 * joined with a space.
 */
export function parseTranscriptVtt(
  input: string,
  options: { fastPath?: boolean } = {},
): TranscriptParse {
  if (/^\uFEFF?\s*$/.test(input)) return { ok: false, reason: 'empty' };

  if (!signature.test(input)) return { ok: false, reason: 'not_vtt' };

  const read = (options.fastPath ?? true) ? plainRead(input) : undefined;
  const { trees, complete } = read ?? libraryRead(input);
  const turns: TranscriptTurn[] = [];

  for (const tree of trees) {
    const { speaker, text } = cueSpeech(tree);

    if (text === '') continue;

    const last = turns.at(-1);

    if (last && last.speaker === speaker) last.text = `${last.text} ${text}`;
    else turns.push({ speaker, text });
  }

  if (turns.length === 0) return { ok: false, reason: 'empty' };

  return {
    ok: true,
    turns,
    text: turns.map(turnLine).join('\n'),
    cueCount: trees.length,
    complete,
  };
}

function plainRead(input: string): { trees: Tree[]; complete: boolean } | undefined {
  return readPlainCues(input, htmlEntities) ?? undefined;
}

/** The whole file through webvtt-parser; an error inside the last block means it was cut. */
function libraryRead(input: string): { trees: Tree[]; complete: boolean } {
  const { cues, errors } = parser.parse(input);
  const lastBlockLine = lastBlockStart(input);

  return {
    trees: cues.map((cue) => cue.tree),
    complete: !errors.some((error) => error.line >= lastBlockLine),
  };
}

export function turnLine(turn: TranscriptTurn): string {
  return turn.speaker ? `${turn.speaker}: ${turn.text}` : turn.text;
}

function cueSpeech(tree: Tree): TranscriptTurn {
  const voice = firstVoice(tree.children);
  const spoken = collapseSpace(flatten(tree.children));

  if (voice) return { speaker: voice, text: spoken };

  const colon = spoken.indexOf(':');
  const said = colon > 0 && colon <= speakerMax ? spoken.slice(colon + 1) : '';

  // After collapsing, white space after the colon is one space; something must follow it.
  if (said.startsWith(' ') && said.length > 1) {
    return { speaker: spoken.slice(0, colon).trim(), text: said.trim() };
  }

  return { speaker: null, text: spoken };
}

/** Runs of white space become one space, as `/\s+/g` would; a no-op for plain lines is skipped. */
function collapseSpace(text: string): string {
  return (/[^\S ]| {2}/.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

// A `<v Name>` span names the speaker of its text (WebVTT §4.2.2, cue voice span).
function firstVoice(nodes: TreeNode[]): string | null {
  for (const node of nodes) {
    if (node.type === 'object' && node.name === 'v' && node.value.trim() !== '') {
      return node.value.trim();
    }
  }

  return null;
}

// Ruby annotations (`<rt>`) are pronunciation help, not speech; everything else is read out.
function flatten(nodes: readonly TreeNode<TreeNodeObjectTagNameWithRt>[]): string {
  let out = '';

  for (const node of nodes) {
    if (node.type === 'text') out += node.value;
    else if (node.type === 'object' && node.name !== 'rt') out += flatten(node.children);
  }

  return out;
}

/** 1-based line number where the file's last block starts, as the parser counts lines. */
function lastBlockStart(input: string): number {
  const lines = input.split(/\r\n|\r|\n/);
  let end = lines.length;

  while (end > 0 && lines[end - 1] === '') end -= 1;

  let start = end;

  while (start > 0 && lines[start - 1] !== '') start -= 1;

  return start + 1;
}
