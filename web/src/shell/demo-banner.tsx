import type { DemoInfo } from '../api/api.types.js';
import { safeExternalUrl } from './external-url.js';

export function DemoBanner({ demo }: { demo: DemoInfo }) {
  const simulatorUrl = safeExternalUrl(demo.simulatorUrl);

  return (
    <aside className="demo-banner" aria-label="Demo mode">
      Demo mode — Zoom is simulated.{' '}
      {simulatorUrl && (
        <a href={simulatorUrl} target="_blank" rel="noopener noreferrer">
          Open the Zoom simulator
        </a>
      )}
    </aside>
  );
}
