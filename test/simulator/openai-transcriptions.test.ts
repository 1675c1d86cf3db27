// The simulator's OpenAI-compatible transcription endpoint: it judges the format by the file
// name (field report 19), enforces Whisper's size limit (field report 18) and plays faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import { audioFixtures } from '../../simulator/phone-media/audio-fixtures.js';
import { startSimulator } from './support/simulator.fixture.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => sim.close());

function upload(file: Buffer, filename: string, headers: Record<string, string> = {}) {
  const boundary = 'test-boundary-6';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: audio/wav\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

  return sim.app.inject({
    method: 'POST',
    url: '/v1/audio/transcriptions',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      authorization: 'Bearer sk-test',
      ...headers,
    },
    payload: body,
  });
}

const voicemail = () => audioFixtures().voicemail;

describe('POST /v1/audio/transcriptions', () => {
  it('answers the fixture’s real words', async () => {
    const response = await upload(voicemail().bytes, 'vm_1.wav');

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ text: voicemail().words });
  });

  it('field report 19: a file name without a known extension is a 400', async () => {
    const response = await upload(voicemail().bytes, 'blob');

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/Unrecognized file format/);
  });

  it('field report 18: 26,214,400 bytes pass, 26,222,592 are a 413', async () => {
    expect((await upload(Buffer.alloc(26_214_400), 'vm_2.mp3')).statusCode).toBe(200);
    expect((await upload(Buffer.alloc(26_222_592), 'vm_3.mp3')).statusCode).toBe(413);
  });

  it('wants a Bearer key', async () => {
    const response = await upload(voicemail().bytes, 'vm_4.wav', { authorization: '' });

    expect(response.statusCode).toBe(401);
  });

  it('plays planned faults in order, each for its count, then answers again', async () => {
    await sim.app.inject({
      method: 'POST',
      url: '/sim/openai/faults',
      payload: { status: 502, count: 2 },
    });
    await sim.app.inject({ method: 'POST', url: '/sim/openai/faults', payload: { status: 401 } });

    const statuses = [];

    for (let i = 0; i < 4; i += 1) {
      statuses.push((await upload(voicemail().bytes, 'a.wav')).statusCode);
    }

    expect(statuses).toEqual([502, 502, 401, 200]);
  });
});
