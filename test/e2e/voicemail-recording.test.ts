import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signInAndConnectPhone,
  simulateCall,
  startDemoProcess,
  type DemoProcess,
} from '../support/demo-process.js';

// Issue 6 in demo mode, in real headless Chromium: a voicemail's transcript on the contact,
// and a recorded call that plays and seeks through our Range-answering endpoint.
let demo: DemoProcess;

beforeAll(async () => {
  demo = await startDemoProcess();
}, 60_000);
afterAll(async () => demo?.close());

describe('voicemail and recordings in the browser', () => {
  it('shows a simulated voicemail’s transcript on the contact, then plays and seeks a recorded call', async () => {
    const page = await demo.browser.newPage();
    const problems: string[] = [];
    const audioExchanges: { status: number; range: string | null; contentRange: string | null }[] =
      [];

    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (!/\/api\/recordings\/[^/]+\/audio$/.test(new URL(response.url()).pathname)) return;

      audioExchanges.push({
        status: response.status(),
        range: response.request().headers().range ?? null,
        contentRange: response.headers()['content-range'] ?? null,
      });
    });

    await signInAndConnectPhone(demo, page);

    // Jordan Sample (+1 604 555 0147) calls and leaves a voicemail.
    await simulateCall(demo, { externalNumber: '+16045550147', outcome: 'voicemail' });
    await page.getByRole('link', { name: 'Contacts' }).click();
    // The missed call may also show as a call-back item naming Jordan: take the contacts list's.
    await page.getByRole('main').getByRole('link', { name: 'Jordan Sample' }).first().click();

    const transcript = page.getByTestId('voicemail-transcript').first();

    await expect
      .poll(() => transcript.textContent().catch(() => ''), { timeout: 20_000 })
      .toMatch(/call me back about the house on Maple Street/)
      .catch(async (error: unknown) => {
        // What the app logged and what the page showed say why the transcript did not come.
        const shown = await page
          .getByTestId('voicemails')
          .textContent()
          .catch(() => '');

        throw new Error(`no transcript; page: ${shown}\napp:\n${demo.output()}`, { cause: error });
      });
    expect(await transcript.textContent()).toMatch(/OpenAI Whisper/);
    expect(await page.getByTestId('voicemail-status').first().textContent()).toBe('Transcribed');

    // Jordan calls again; this time the agent answers and the call is recorded.
    await simulateCall(demo, { externalNumber: '+16045550147', outcome: 'answered', record: true });

    const player = page.getByTestId('call-recording').first();

    await expect.poll(() => player.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await player.getAttribute('preload')).toBe('none');
    expect(audioExchanges).toEqual([]);

    const played = await player.evaluate(async (element) => {
      const audio = element as HTMLAudioElement;

      await audio.play();
      await new Promise((resolve) => setTimeout(resolve, 500));
      audio.pause();

      const seeked = new Promise((resolve) => audio.addEventListener('seeked', resolve));

      audio.currentTime = 5;
      await seeked;

      return { duration: audio.duration, currentTime: audio.currentTime, error: audio.error };
    });

    expect(played.error).toBeNull();
    expect(played.duration).toBeGreaterThan(6);
    expect(played.currentTime).toBeGreaterThanOrEqual(5);
    expect(audioExchanges.length).toBeGreaterThan(0);
    expect(audioExchanges[0]).toMatchObject({
      status: 206,
      range: expect.stringMatching(/^bytes=0-/),
      contentRange: expect.stringMatching(/^bytes 0-\d+\/27376$/),
    });
    expect(audioExchanges.every((exchange) => exchange.status === 206)).toBe(true);
    expect(problems).toEqual([]);
  }, 90_000);
});
