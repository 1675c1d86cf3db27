import { z } from 'zod';
import { readZoomJson, sendZoomRequest, type ZoomHttpSettings } from './zoom-http.js';

// GET /phone/users/me (API.md §5.1; Phone API "Get a user's profile").
const phoneUserSchema = z.object({
  id: z.string().min(1),
  phone_user_id: z.string().optional(),
  extension_number: z.union([z.number(), z.string()]).optional(),
  email: z.string().optional(),
  phone_numbers: z
    .array(z.object({ id: z.string().optional(), number: z.string().optional() }))
    .default([]),
  status: z.string().optional(),
});

export type ZoomPhoneUser = z.infer<typeof phoneUserSchema>;

export async function getPhoneUser(
  settings: ZoomHttpSettings,
  accessToken: string,
): Promise<ZoomPhoneUser> {
  const response = await sendZoomRequest({
    operation: 'phone.users.me',
    url: `${settings.apiUrl}/phone/users/me`,
    accessToken,
    timeoutMs: settings.timeoutMs,
  });

  return readZoomJson('phone.users.me', response, phoneUserSchema);
}
