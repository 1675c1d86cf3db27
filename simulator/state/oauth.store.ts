// Authorization codes and grants, kept the way Zoom documents them (API.md §1.2-1.7):
// - a code lives 5 minutes and works once;
// - refresh tokens rotate: each works exactly once;
// - issuing a new access token for a grant kills the grant's previous one (field report 2);
// - a new authorization of the same Zoom user kills that user's earlier grant (4741).
import { opaqueToken } from './ids.js';

export const CODE_TTL_MS = 5 * 60_000;

export interface PkceChallenge {
  value: string;
  method: 'S256' | 'plain';
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  zoomUserId: string;
  challenge?: PkceChallenge;
  expiresAt: number;
}

export interface Grant {
  id: string;
  zoomUserId: string;
  scope: string;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
}

export type AccessCheck =
  { status: 'valid'; grant: Grant } | { status: 'expired'; grant: Grant } | { status: 'invalid' };

export class OAuthStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();

  constructor(private readonly now: () => number) {}

  issueCode(details: Omit<AuthorizationCode, 'expiresAt'>): string {
    const code = opaqueToken(24);

    this.codes.set(code, { ...details, expiresAt: this.now() + CODE_TTL_MS });

    return code;
  }

  /** Takes the code out of the store, so a second exchange finds nothing. */
  redeemCode(code: string): AuthorizationCode | undefined {
    const found = this.codes.get(code);

    this.codes.delete(code);

    return found && found.expiresAt > this.now() ? found : undefined;
  }

  /** Opens a grant for the user, ending any grant they had before. */
  openGrant(zoomUserId: string, scope: string, ttlSeconds: number): Grant {
    for (const old of this.grantsOf(zoomUserId)) {
      this.end(old);
    }

    const grant: Grant = {
      id: opaqueToken(12),
      zoomUserId,
      scope,
      accessToken: '',
      accessExpiresAt: 0,
      refreshToken: '',
    };

    this.grants.set(grant.id, grant);
    this.reissue(grant, ttlSeconds);

    return grant;
  }

  /** Spends the refresh token and returns the grant with a new token pair, or nothing. */
  rotate(refreshToken: string, ttlSeconds: number): Grant | undefined {
    const grant = this.byRefresh.get(refreshToken);

    if (!grant) {
      return undefined;
    }

    this.reissue(grant, ttlSeconds);

    return grant;
  }

  checkAccess(accessToken: string): AccessCheck {
    const grant = this.byAccess.get(accessToken);

    if (!grant) {
      return { status: 'invalid' };
    }

    return grant.accessExpiresAt > this.now()
      ? { status: 'valid', grant }
      : { status: 'expired', grant };
  }

  /** Ends the grant that either token belongs to; false when neither is known. */
  revoke(token: string): boolean {
    const grant = this.byAccess.get(token) ?? this.byRefresh.get(token);

    if (grant) {
      this.end(grant);
    }

    return grant !== undefined;
  }

  /** Ends every grant of the user, as uninstalling the app in the Marketplace does. */
  revokeAllOf(zoomUserId: string): number {
    const grants = this.grantsOf(zoomUserId);

    for (const grant of grants) this.end(grant);

    return grants.length;
  }

  /** Makes the user's current access tokens expired without changing them. */
  expireAccess(zoomUserId: string): number {
    const grants = this.grantsOf(zoomUserId);

    for (const grant of grants) {
      grant.accessExpiresAt = this.now() - 1;
    }

    return grants.length;
  }

  grantsOf(zoomUserId: string): Grant[] {
    return [...this.grants.values()].filter((grant) => grant.zoomUserId === zoomUserId);
  }

  private reissue(grant: Grant, ttlSeconds: number): void {
    this.byAccess.delete(grant.accessToken);
    this.byRefresh.delete(grant.refreshToken);

    grant.accessToken = opaqueToken();
    grant.refreshToken = opaqueToken();
    grant.accessExpiresAt = this.now() + ttlSeconds * 1000;

    this.byAccess.set(grant.accessToken, grant);
    this.byRefresh.set(grant.refreshToken, grant);
  }

  private end(grant: Grant): void {
    this.byAccess.delete(grant.accessToken);
    this.byRefresh.delete(grant.refreshToken);
    this.grants.delete(grant.id);
  }
}
