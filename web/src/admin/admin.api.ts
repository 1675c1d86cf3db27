import { apiRequest, segment } from '../api/api-client.js';
import type { AdminStatus, PilotAllowlist } from '../api/api.types.js';

export function fetchAdminStatus(): Promise<AdminStatus> {
  return apiRequest<AdminStatus>('/api/admin/status');
}

export function fetchPilotAllowlist(): Promise<PilotAllowlist> {
  return apiRequest<PilotAllowlist>('/api/admin/pilot-allowlist');
}

export async function addToPilot(email: string): Promise<void> {
  await apiRequest<unknown>('/api/admin/pilot-allowlist', { method: 'POST', body: { email } });
}

export async function removeFromPilot(email: string): Promise<void> {
  await apiRequest<void>(`/api/admin/pilot-allowlist/${segment(email)}`, { method: 'DELETE' });
}
