// A second (and third) app process for the cross-process refresh test: it opens the shared
// database, waits for a common start instant, then makes one Zoom call that needs a refresh.
import { openDatabase } from '../../src/db/database.js';
import { loadConfig } from '../../src/config/config.js';
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
});
const connectionId = process.env.CONNECTION_ID ?? '';
const startAt = Number(process.env.START_AT);

await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));

try {
  const user = await zoomAccess.call(connectionId, (token) => getPhoneUser(zoom, token));

  process.stdout.write(`${JSON.stringify({ ok: true, zoomUserId: user.id })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
} finally {
  await database.close();
}
