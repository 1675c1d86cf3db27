// The Zoom simulator of bench/stream.bench.ts, in a process of its own: the 200 MB recording is
// generated here, so the server process's memory figures are the proxy's alone (issue 6).
// Started by bench/stream-servers.ts with the app's webhook URL; answers its URL over IPC.
import { createSimulator } from '../simulator/simulator.js';
import { testWebhookSecret } from '../test/support/test-app.js';

const webhookUrl = process.argv[2] ?? '';
const simulator = await createSimulator({
  clientId: 'test-client-id',
  clientSecret: 'test-client-secret',
  webhookSecretToken: testWebhookSecret,
  webhookUrl,
  webhookRetryDelaysMs: [50, 100, 150],
  webhookTimeoutMs: 2000,
});
const url = await simulator.listen(0, '127.0.0.1');

simulator.configure({ publicUrl: url });
process.on('message', (message: { type: string }) => {
  if (message.type === 'close') void simulator.close().then(() => process.exit(0));
});
process.send?.({ url });
