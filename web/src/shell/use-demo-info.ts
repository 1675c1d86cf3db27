import { useEffect, useState } from 'react';
import type { DemoInfo } from '../api/api.types.js';
import { fetchDemoInfo } from './demo.api.js';

/**
 * Demo-mode details, fetched once. A failure here only hides the banner: the banner is a
 * convenience, and every real page reports its own errors.
 */
export function useDemoInfo(): DemoInfo | null {
  const [info, setInfo] = useState<DemoInfo | null>(null);

  useEffect(() => {
    let current = true;

    fetchDemoInfo()
      .then((found) => current && setInfo(found))
      .catch(() => current && setInfo(null));

    return () => {
      current = false;
    };
  }, []);

  return info;
}
