// An app process that makes one Zoom call needing a refresh, for the kill -9 mid-refresh test
// (test/hardening/crash-refresh.test.ts). Unlike refresh-child.ts it starts at once and takes
// the refresh lock time from REFRESH_LOCK_MS, so a lock left by a killed process runs out soon.
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/database.js';
import { createZoomAccess } from '../../src/integrations/zoom/zoom-access.js';
import { createLogger } from '../../src/lib/logger.js';
import { createTokenCipher, parseEncryptionKey } from '../../src/lib/token-cipher.js';
import { getPhoneUser } from '../../src/zoom/phone.api.js';

const config = loadConfig(process.env);
const database = openDatabase(config.database, 2);
const zoom = {
  oauthUrl: config.ZOOM_OAUTH_URL,
  apiUrl: config.ZOOM_API_URL,
  clientId: config.ZOOM_CLIENT_ID ?? '',
  clientSecret: config.ZOOM_CLIENT_SECRET ?? '',
  timeoutMs: 10_000,
};
const zoomAccess = createZoomAccess({
  db: database.db,
  cipher: createTokenCipher(parseEncryptionKey(config.TOKEN_ENCRYPTION_KEY ?? '')),
  zoom,
  logger: createLogger('silent'),
  lockMs: Number(process.env.REFRESH_LOCK_MS ?? 60_000),
});

try {
  const user = await zoomAccess.call(process.env.CONNECTION_ID ?? '', (token) =>
    getPhoneUser(zoom, token),
  );

  process.stdout.write(`${JSON.stringify({ ok: true, zoomUserId: user.id })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
} finally {
  await database.close();
}
