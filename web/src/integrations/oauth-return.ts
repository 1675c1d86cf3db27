// The server's OAuth callback sends the agent back to /settings/integrations with either
// `?connected=PRODUCT` or `?error=CODE&product=PRODUCT`. This reads that, trusting nothing: the
// query is anyone's to craft, so only known products count and codes are shown through our map.
import type { ZoomProduct } from '../api/api.types.js';
import { ERROR_MESSAGES, isKnownCode, messageForCode } from '../api/error-messages.js';

export type OAuthReturn =
  | { kind: 'connected'; product: ZoomProduct }
  | { kind: 'error'; code: string; product: ZoomProduct | null };

export function readOAuthReturn(search: URLSearchParams): OAuthReturn | null {
  const connected = asProduct(search.get('connected'));
  const code = search.get('error');

  if (code !== null) return { kind: 'error', code, product: asProduct(search.get('product')) };
  if (connected) return { kind: 'connected', product: connected };

  return null;
}

/** The message for a code from the callback; an unknown one reads as "Zoom did not finish". */
export function oauthErrorText(code: string): string {
  return isKnownCode(code) ? messageForCode(code) : ERROR_MESSAGES.OAUTH_FAILED;
}

function asProduct(value: string | null): ZoomProduct | null {
  return value === 'meetings' || value === 'phone' ? value : null;
}
