// The real audio files in simulator/fixtures/ and the words each one says, so the fake Whisper
// endpoint can answer with the true text of the audio it is sent.
import { readFileSync } from 'node:fs';

export interface AudioFixture {
  name: string;
  bytes: Buffer;
  contentType: string;
  words: string;
}

const load = (file: string) => readFileSync(new URL(`../fixtures/${file}`, import.meta.url));

let cache: { voicemail: AudioFixture; recording: AudioFixture } | undefined;

export function audioFixtures() {
  cache ??= {
    voicemail: {
      name: 'voicemail-jordan.wav',
      bytes: load('voicemail-jordan.wav'),
      contentType: 'audio/wav',
      words: 'Hi, this is Jordan Sample. Please call me back about the house on Maple Street.',
    },
    recording: {
      name: 'call-recording.mp3',
      bytes: load('call-recording.mp3'),
      contentType: 'audio/mpeg',
      words: 'Thanks for calling. Yes, the showing on Saturday at ten works for us. See you then.',
    },
  };

  return cache;
}

/** A fixture as the audio of a simulated voicemail or recording. */
export function fixtureAudio(which: 'voicemail' | 'recording') {
  const fixture = audioFixtures()[which];

  return { kind: 'bytes' as const, bytes: fixture.bytes, contentType: fixture.contentType };
}

/** The words of a fixture whose exact bytes these are, if any. */
export function wordsOf(bytes: Buffer): string | undefined {
  const { voicemail, recording } = audioFixtures();

  return [voicemail, recording].find((fixture) => fixture.bytes.equals(bytes))?.words;
}
