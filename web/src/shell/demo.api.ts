import { ApiError, apiRequest } from '../api/api-client.js';
import type { DemoInfo } from '../api/api.types.js';

/** Demo-mode details, or null when this is a real installation (the server answers 404). */
export async function fetchDemoInfo(): Promise<DemoInfo | null> {
  try {
    const info = await apiRequest<DemoInfo>('/api/demo');

    return info.demoMode ? info : null;
  } catch (error) {
    // Judged by status, not code: "not demo" is a 404 whatever code the server gives it.
    if (error instanceof ApiError && error.status === 404) return null;

    throw error;
  }
}
