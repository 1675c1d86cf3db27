import type { Db } from '../../db/database.js';
import { newId } from '../../lib/ids.js';
import type { Logger } from '../../lib/logger.js';
import { metrics } from '../../metrics/metrics.js';
import { sleep, systemClock, type Clock } from '../../lib/clock.js';
import { crashPoint } from '../../lib/crash-point.js';
import type { TokenCipher } from '../../lib/token-cipher.js';
import { refreshTokens } from '../../zoom/oauth.api.js';
import { ZoomError } from '../../zoom/zoom-error.js';
import type { ZoomHttpSettings } from '../../zoom/zoom-http.js';
import { findConnectionById, markNeedsReconnect, type ZoomConnection } from './connections.repo.js';

export interface ZoomAccessOptions {
  db: Db;
  cipher: TokenCipher;
  zoom: ZoomHttpSettings;
  logger: Logger;
  clock?: Clock;
  /** Refresh this long before the access token's expiry, so a call never races it. */
  refreshMarginMs?: number;
  /** How long one refresh may hold the connection's lock before another process may take over. */
  lockMs?: number;
}

/**
 * Hands out a working Zoom access token per connection. Zoom refresh tokens are single-use
 * (API.md §1.5), so exactly one refresh may run per connection across every process: the
 * refresher takes a lock in the connection row with a compare-and-swap on `token_version`,
 * and everyone else waits for the version to move, then reads the new token (field report 1).
 */
export function createZoomAccess(options: ZoomAccessOptions) {
  const { db, cipher, zoom, logger } = options;
  const clock = options.clock ?? systemClock;
  const refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
  const lockMs = options.lockMs ?? 60_000;
  const processId = newId();

  async function load(connectionId: string): Promise<ZoomConnection> {
    const connection = await findConnectionById(db, connectionId);

    if (!connection || connection.status !== 'connected' || !connection.access_token_enc) {
      throw new ZoomError('access', 401, { reason: 'not connected' }, { outcome: 'reconnect' });
    }

    return connection;
  }

  async function tryLock(connection: ZoomConnection, owner: string): Promise<boolean> {
    const now = clock.now();
    const result = await db
      .updateTable('zoom_connections')
      .set({ refresh_lock_owner: owner, refresh_lock_until: now + lockMs })
      .where('id', '=', connection.id)
      .where('token_version', '=', connection.token_version)
      .where('status', '=', 'connected')
      .where((w) => w.or([w('refresh_lock_until', 'is', null), w('refresh_lock_until', '<', now)]))
      .executeTakeFirst();

    return Number(result.numUpdatedRows) === 1;
  }

  async function refreshLocked(connection: ZoomConnection, owner: string): Promise<string> {
    const log = logger.child({ connectionId: connection.id, userId: connection.user_id });

    try {
      await crashPoint('zoom.refresh.locked');

      const tokens = await refreshTokens(zoom, cipher.open(connection.refresh_token_enc ?? ''));
      const now = clock.now();

      await db
        .updateTable('zoom_connections')
        .set({
          access_token_enc: cipher.seal(tokens.accessToken),
          refresh_token_enc: cipher.seal(tokens.refreshToken),
          key_id: cipher.keyId,
          access_expires_at: tokens.expiresAt,
          scopes: tokens.scopes.join(' ') || connection.scopes,
          token_version: connection.token_version + 1,
          refresh_lock_owner: null,
          refresh_lock_until: null,
          updated_at: now,
        })
        .where('id', '=', connection.id)
        // Compare-and-swap on the version we refreshed from: if this process was so slow that
        // its lock ran out and the row moved on, keep the newer tokens and say so.
        .where('token_version', '=', connection.token_version)
        .where('status', '=', 'connected')
        .executeTakeFirst()
        .then((result) => {
          if (Number(result.numUpdatedRows) !== 1) log.error('refreshed zoom tokens lost a race');
        });
      metrics.tokenRefreshes.inc({ result: 'ok' });
      log.info('zoom tokens refreshed');

      return tokens.accessToken;
    } catch (error) {
      const rejected = error instanceof ZoomError && error.outcome === 'reconnect';

      metrics.tokenRefreshes.inc({ result: rejected ? 'rejected' : 'failed' });

      if (error instanceof ZoomError && error.outcome === 'reconnect') {
        const marked = await markNeedsReconnect(
          db,
          connection.id,
          'refresh_rejected',
          clock.now(),
          connection.token_version,
        );

        if (!marked) {
          // The agent approved 1Thing again while this refresh was out, so Zoom refused the
          // grant it replaced; the new one is stored and good (or the card was removed, and
          // load() says so).
          const current = await load(connection.id);

          log.info('zoom refused a refresh of tokens already replaced; using the new ones');

          return cipher.open(current.access_token_enc ?? '');
        }

        log.warn(
          { zoomTrackingId: error.details.trackingId },
          'zoom refresh rejected; reconnect needed',
        );
      } else {
        await db
          .updateTable('zoom_connections')
          .set({ refresh_lock_owner: null, refresh_lock_until: null })
          .where('id', '=', connection.id)
          .where('refresh_lock_owner', '=', owner)
          .execute();
        log.warn({ err: error }, 'zoom refresh failed; will retry');
      }

      throw error;
    }
  }

  /**
   * Refreshes the connection unless another process already moved it past `seenVersion`;
   * either way returns the newest access token.
   */
  async function refreshFrom(connectionId: string, seenVersion: number): Promise<string> {
    const deadline = clock.now() + lockMs + 5_000;

    for (;;) {
      const connection = await load(connectionId);

      if (connection.token_version > seenVersion) {
        return cipher.open(connection.access_token_enc ?? '');
      }

      const owner = `${processId}:${newId()}`;

      if (await tryLock(connection, owner)) return refreshLocked(connection, owner);

      if (clock.now() > deadline) {
        throw new ZoomError(
          'oauth.refresh',
          0,
          { reason: 'refresh lock wait timed out' },
          {
            outcome: 'retry_later',
          },
        );
      }

      await sleep(50);
    }
  }

  /** Tokens sealed with a previous key are sealed again with the current one (key rotation). */
  async function resealIfStale(connection: ZoomConnection) {
    const { access_token_enc: access, refresh_token_enc: refresh } = connection;

    if (!access || !refresh || (!cipher.isStale(access) && !cipher.isStale(refresh))) return;

    await db
      .updateTable('zoom_connections')
      .set({
        access_token_enc: cipher.seal(cipher.open(access)),
        refresh_token_enc: cipher.seal(cipher.open(refresh)),
        key_id: cipher.keyId,
      })
      .where('id', '=', connection.id)
      .where('token_version', '=', connection.token_version)
      .execute();
    logger.info({ connectionId: connection.id }, 'zoom tokens sealed again with the current key');
  }

  async function accessToken(connectionId: string): Promise<{ token: string; version: number }> {
    const connection = await load(connectionId);

    await resealIfStale(connection);

    if ((connection.access_expires_at ?? 0) - clock.now() > refreshMarginMs) {
      return {
        token: cipher.open(connection.access_token_enc ?? ''),
        version: connection.token_version,
      };
    }

    const token = await refreshFrom(connectionId, connection.token_version);
    const fresh = await load(connectionId);

    return { token, version: fresh.token_version };
  }

  /**
   * Runs one Zoom call with a valid token. On 401/124 it first checks whether another process
   * already replaced the token (field report 2: Zoom invalidates the old access token on
   * refresh) and retries with the stored one; only if the store still holds the failed token
   * does it refresh, once. A second 401 means the grant is gone.
   */
  async function call<T>(connectionId: string, run: (token: string) => Promise<T>): Promise<T> {
    const first = await accessToken(connectionId);

    try {
      return await run(first.token);
    } catch (error) {
      if (!(error instanceof ZoomError) || error.outcome !== 'refresh_token') throw error;
    }

    const stored = await load(connectionId);
    const storedToken = cipher.open(stored.access_token_enc ?? '');
    const retryToken =
      storedToken !== first.token
        ? storedToken
        : await refreshFrom(connectionId, stored.token_version);

    try {
      return await run(retryToken);
    } catch (error) {
      if (error instanceof ZoomError && error.outcome === 'refresh_token') {
        const now = await findConnectionById(db, connectionId);
        const replacedAgain =
          now?.access_token_enc && cipher.open(now.access_token_enc) !== retryToken;

        // Another process moved the token on again meanwhile: not a dead grant, just try later.
        if (replacedAgain) {
          throw new ZoomError(error.operation, error.status, error.details, {
            cause: error,
            outcome: 'retry_later',
          });
        }

        // A row gone altogether is as dead as a grant Zoom refused.
        const marked = now
          ? await markNeedsReconnect(
              db,
              connectionId,
              'access_rejected',
              clock.now(),
              now.token_version,
            )
          : true;

        // The row moved on between our read and the mark (a new consent): try again later.
        if (!marked) {
          throw new ZoomError(error.operation, error.status, error.details, {
            cause: error,
            outcome: 'retry_later',
          });
        }

        throw new ZoomError(error.operation, error.status, error.details, {
          cause: error,
          outcome: 'reconnect',
        });
      }

      throw error;
    }
  }

  return { accessToken, call };
}

export type ZoomAccess = ReturnType<typeof createZoomAccess>;
