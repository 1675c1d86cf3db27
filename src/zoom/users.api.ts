import { z } from 'zod';
import { readZoomJson, sendZoomRequest, type ZoomHttpSettings } from './zoom-http.js';

// GET /users/me (API.md §2; Zoom Users API "Get a user"). Only the fields we keep.
const zoomUserSchema = z.object({
  id: z.string().min(1),
  account_id: z.string().min(1),
  email: z.string().min(1),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  display_name: z.string().optional(),
  timezone: z.string().optional(),
});

export type ZoomUser = z.infer<typeof zoomUserSchema>;

export async function getCurrentUser(
  settings: ZoomHttpSettings,
  accessToken: string,
): Promise<ZoomUser> {
  const response = await sendZoomRequest({
    operation: 'users.me',
    url: `${settings.apiUrl}/users/me`,
    accessToken,
    timeoutMs: settings.timeoutMs,
  });

  return readZoomJson('users.me', response, zoomUserSchema);
}
