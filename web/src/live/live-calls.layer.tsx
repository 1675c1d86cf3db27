// Everything live on every page once signed in: the active-call banner, the screen-pop and the
// missed calls to call back, all from one event stream per tab.
import { useEffect } from 'react';
import { CallBacks } from './call-backs.js';
import { CallBanner } from './call-banner.js';
import { bannerCalls, callBackItems, screenPops } from './live-state.js';
import { ScreenPops } from './screen-pop.js';
import { useLiveCalls } from './use-live-calls.js';
import './live-calls.css';

// "Call ended" stays long enough to read, then gets out of the way.
const ENDED_NOTE_MS = 12_000;

export function LiveCallsLayer() {
  const live = useLiveCalls();
  const banners = bannerCalls(live.state);
  const endedIds = banners
    .filter((view) => view.phase === 'ended')
    .map((view) => view.call.id)
    .join(',');
  const { hide } = live;

  useEffect(() => {
    if (endedIds === '') return;

    const timer = window.setTimeout(
      () => endedIds.split(',').forEach((callId) => hide(callId)),
      ENDED_NOTE_MS,
    );

    return () => window.clearTimeout(timer);
  }, [endedIds, hide]);

  return (
    <div className="live-calls">
      {!live.streaming && (
        <p className="live-status subtle" role="status">
          Live call updates are reconnecting…
        </p>
      )}
      <CallBanner views={banners} onView={live.apply} onHide={live.hide} />
      <ScreenPops views={screenPops(live.state)} onView={live.apply} onHide={live.hide} />
      <CallBacks views={callBackItems(live.state)} onView={live.apply} />
    </div>
  );
}
