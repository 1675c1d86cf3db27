import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConnectionByUser } from '../../src/integrations/zoom/connections.repo.js';
import { getCurrentUser } from '../../src/zoom/users.api.js';
import { aConnectedAgent } from '../support/connected-agent.js';
import {
  startTestApp,
  testPassword,
  testWebhookSecret,
  waitFor,
  type TestApp,
} from '../support/test-app.js';
import { placeSimCall } from '../support/zoom-flows.js';
import { postWebhook } from '../support/webhook-sender.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

describe('what reaches the logs', () => {
  it('no token, secret, password, OAuth code or signature is ever logged through a whole journey', async () => {
    const agent = await aConnectedAgent(app);
    const context = app.started.context;
    const planted: string[] = [
      testWebhookSecret,
      testPassword,
      'test-client-secret',
      agent.client.cookie('sid') ?? '',
    ];
    const remember = async () => {
      const row = await findConnectionByUser(context.db, agent.userId);

      planted.push(
        context.cipher.open(row?.access_token_enc ?? ''),
        context.cipher.open(row?.refresh_token_enc ?? ''),
      );
    };

    await remember();

    // A callback whose query carries a code and state; a forged webhook with a signature.
    const code = 'CODE-should-never-be-logged-1234';

    await agent.client.get(`/oauth/zoom/callback?code=${code}&state=STATE-never-logged-5678`);
    planted.push(code, 'STATE-never-logged-5678');

    const signature = `v0=${'ab'.repeat(32)}`;

    await postWebhook(app.baseUrl, '{"event":"x","payload":{}}', { signature });
    planted.push(signature.slice(3));

    // A refresh, so new tokens pass through the code paths that log.
    await context.db
      .updateTable('zoom_connections')
      .set({ access_expires_at: Date.now() - 1 })
      .where('user_id', '=', agent.userId)
      .execute();
    await context.zoomAccess.call(
      (await findConnectionByUser(context.db, agent.userId))!.id,
      (token) => getCurrentUser(context.zoom, token),
    );
    await remember();

    const { callId } = await placeSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550147',
      outcome: 'answered',
    });

    await waitFor(async () => app.logs.join('').includes(callId));

    const output = app.logs.join('');

    expect(output).toContain('call logged');
    expect(output).toContain('zoom tokens refreshed');

    for (const secret of planted) {
      expect(secret.length).toBeGreaterThan(8);
      expect(output, 'a secret reached the log').not.toContain(secret);
    }

    // Phone numbers appear masked.
    expect(output).not.toContain('+15125550147');
    expect(output).toContain('+15…0147');
  });
});
