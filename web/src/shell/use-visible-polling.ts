// Runs `tick` now and then every `intervalMs` while the tab is visible, one run at a time (the
// next waits for the previous to settle, so a slow server is never hit by a pile of requests).
// Hiding the tab pauses it; showing the tab runs a tick at once. A new `resetKey` starts over.
import { useEffect, useRef } from 'react';

export function useVisiblePolling(
  tick: () => Promise<void>,
  intervalMs: number,
  resetKey: string,
): void {
  const tickRef = useRef(tick);

  useEffect(() => {
    tickRef.current = tick;
  });

  useEffect(() => {
    let timer: number | undefined;
    let running = false;
    let stopped = false;

    const schedule = () => {
      if (stopped || document.visibilityState !== 'visible') return;
      timer = window.setTimeout(() => void run(), intervalMs);
    };

    const run = async () => {
      timer = undefined;
      running = true;

      try {
        await tickRef.current();
      } catch {
        // The tick reports its own failures; polling carries on so a blip heals by itself.
      }

      running = false;
      schedule();
    };

    const onVisibility = () => {
      if (document.visibilityState !== 'visible') {
        window.clearTimeout(timer);
        timer = undefined;
      } else if (!running && timer === undefined) {
        void run();
      }
    };

    document.addEventListener('visibilitychange', onVisibility);
    void run();

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, resetKey]);
}
