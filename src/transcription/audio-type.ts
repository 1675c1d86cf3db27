/** An audio container Whisper accepts, told by the bytes themselves (field report 19). */
export interface AudioType {
  extension: 'mp3' | 'wav' | 'm4a' | 'ogg';
  mimeType: string;
}

const ascii = (bytes: Uint8Array, at: number, text: string): boolean =>
  Buffer.from(bytes.subarray(at, at + text.length)).toString('latin1') === text;

/**
 * Sniffs the container from the first bytes: an ID3 tag or an MPEG audio frame sync is MP3,
 * RIFF…WAVE is WAV, an ISO `ftyp` box is M4A, `OggS` is Ogg. Whisper infers the format from
 * the multipart file name, so a wrong or missing extension is a 400 (openai-node issue 270).
 * Null means "do not send".
 */
export function sniffAudioType(bytes: Uint8Array): AudioType | null {
  if (ascii(bytes, 0, 'ID3')) return { extension: 'mp3', mimeType: 'audio/mpeg' };

  // MPEG audio frame header: 11 sync bits set, and a layer that is not "reserved".
  const first = bytes[0] ?? 0;
  const second = bytes[1] ?? 0;

  if (first === 0xff && (second & 0xe0) === 0xe0 && (second & 0x06) !== 0) {
    return { extension: 'mp3', mimeType: 'audio/mpeg' };
  }

  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) {
    return { extension: 'wav', mimeType: 'audio/wav' };
  }

  if (ascii(bytes, 4, 'ftyp')) return { extension: 'm4a', mimeType: 'audio/mp4' };

  if (ascii(bytes, 0, 'OggS')) return { extension: 'ogg', mimeType: 'audio/ogg' };

  return null;
}
