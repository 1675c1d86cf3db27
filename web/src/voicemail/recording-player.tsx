import './voicemail.css';
import { useEffect, useState } from 'react';
import { listRecordings, type Recording } from './voicemail.api.js';

// One request serves every call row on the page; refreshed as new recordings come in.
const FRESH_MS = 2000;
let cached: { at: number; recordings: Promise<Recording[]> } | undefined;

function recordings(): Promise<Recording[]> {
  if (!cached || Date.now() - cached.at > FRESH_MS) {
    cached = { at: Date.now(), recordings: listRecordings().catch(() => []) };
  }

  return cached.recordings;
}

/**
 * A seekable player for a call's recording, streamed through our endpoint (never stored).
 * `preload="none"`: nothing is fetched from Zoom until the agent presses play.
 */
export function RecordingPlayer({ zoomCallId }: { zoomCallId: string }) {
  const [recording, setRecording] = useState<Recording | undefined>();

  useEffect(() => {
    let alive = true;
    // A call is logged before Zoom finishes its recording: keep looking until it is there.
    const look = () =>
      void recordings().then((all) => {
        const found = all.find((item) => item.zoomCallId === zoomCallId);

        if (!alive || !found) return;

        setRecording(found);
        clearInterval(timer);
      });
    const timer = setInterval(look, FRESH_MS);

    look();

    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [zoomCallId]);

  if (!recording) return null;

  if (recording.status === 'deleted_in_zoom') {
    return (
      <span className="subtle" data-testid="call-recording-deleted">
        Deleted in Zoom
      </span>
    );
  }

  if (recording.status !== 'available') {
    return <span className="subtle">Recording unavailable from Zoom</span>;
  }

  return (
    <audio
      className="call-recording"
      controls
      preload="none"
      src={recording.audioUrl}
      data-testid="call-recording"
    >
      Your browser cannot play this recording.
    </audio>
  );
}
