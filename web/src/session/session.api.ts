import { apiRequest } from '../api/api-client.js';
import type { User } from '../api/api.types.js';

export async function fetchSession(): Promise<User> {
  const { user } = await apiRequest<{ user: User }>('/api/session');

  return user;
}

export async function signIn(email: string, password: string): Promise<User> {
  const { user } = await apiRequest<{ user: User }>('/api/session', {
    method: 'POST',
    body: { email, password },
  });

  return user;
}

export async function signOut(): Promise<void> {
  await apiRequest<void>('/api/session', { method: 'DELETE' });
}
