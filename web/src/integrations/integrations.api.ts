import { apiRequest } from '../api/api-client.js';
import type { ZoomCards, ZoomProduct } from '../api/api.types.js';

export function fetchZoomCards(): Promise<ZoomCards> {
  return apiRequest<ZoomCards>('/api/integrations/zoom');
}

/** Zoom's consent page for this product; the browser goes there next. */
export async function startZoomConnect(product: ZoomProduct): Promise<string> {
  const { url } = await apiRequest<{ url: string }>(`/api/integrations/zoom/${product}/connect`, {
    method: 'POST',
  });

  return url;
}

export function disconnectZoom(product: ZoomProduct): Promise<ZoomCards> {
  return apiRequest<ZoomCards>(`/api/integrations/zoom/${product}`, { method: 'DELETE' });
}

/** Runs the call-history import again; answers with both cards. */
export function importCallHistory(): Promise<ZoomCards> {
  return apiRequest<ZoomCards>('/api/integrations/zoom/phone/history-import', { method: 'POST' });
}
