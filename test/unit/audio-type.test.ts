import { describe, expect, it } from 'vitest';
import { sniffAudioType } from '../../src/transcription/audio-type.js';

const bytes = (text: string, ...tail: number[]) =>
  Buffer.concat([Buffer.from(text, 'latin1'), Buffer.from(tail)]);

describe('sniffAudioType (field report 19)', () => {
  it.each([
    ['an ID3 tag', bytes('ID3\x04\x00'), 'mp3', 'audio/mpeg'],
    ['an MPEG frame without a tag', Buffer.from([0xff, 0xf3, 0x40, 0xc4]), 'mp3', 'audio/mpeg'],
    ['RIFF…WAVE', bytes('RIFF\x24\x00\x00\x00WAVEfmt '), 'wav', 'audio/wav'],
    ['an ISO ftyp box', bytes('\x00\x00\x00\x20ftypM4A '), 'm4a', 'audio/mp4'],
    ['OggS', bytes('OggS\x00\x02'), 'ogg', 'audio/ogg'],
  ])('knows %s', (_label, audio, extension, mimeType) => {
    expect(sniffAudioType(audio)).toEqual({ extension, mimeType });
  });

  it.each([
    ['text', bytes('hello, not audio')],
    ['an HTML page', bytes('<!doctype html><title>Sign in</title>')],
    ['RIFF that is not WAVE', bytes('RIFF\x24\x00\x00\x00AVI LIST')],
    ['a frame sync with the reserved layer', Buffer.from([0xff, 0xe0, 0x00, 0x00])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_label, audio) => {
    expect(sniffAudioType(audio)).toBeNull();
  });
});
