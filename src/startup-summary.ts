import type { StartedApp } from './app.js';
import type { AppConfig } from './config/config.js';
import { demoAgentEmail } from './demo/demo-seed.js';

/**
 * One block at start-up that says how this instance runs: where to open it, which Zoom it
 * talks to, which database, and in demo mode how to sign in. Secrets are never printed, except
 * the demo password, which is a demo-only value the person starting the demo needs.
 */
export function printStartupSummary(config: Readonly<AppConfig>, started: StartedApp): void {
  const database =
    config.database.kind === 'sqlite'
      ? `SQLite file ${config.database.path}`
      : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `1Thing Zoom integration is running (role: ${config.ROLE})`,
    `  Open:          ${config.publicUrl}`,
    `  Database:      ${database}; migrations applied now: ${started.migrationsApplied.length || 'none'}`,
  ];

  if (started.demo) {
    lines.push(
      '  Mode:          DEMO — no Zoom credentials set, so Zoom is simulated',
      `  Simulator:     ${started.demo.simulatorUrl} (Zoom OAuth, REST API and webhooks)`,
      `  Sign in:       ${demoAgentEmail} / ${config.DEMO_PASSWORD}` +
        (process.env.DEMO_PASSWORD ? ' (from DEMO_PASSWORD)' : ' (default; set DEMO_PASSWORD)'),
      `  Webhook secret: ${started.demo.webhookSecretGenerated ? 'generated for this run' : 'from ZOOM_WEBHOOK_SECRET_TOKEN'}`,
      '  Try it:        Settings → Integrations → Connect Zoom Phone, then place a call',
      '                 from the simulator page to a contact’s number.',
    );
  } else {
    lines.push(
      `  Mode:          Zoom at ${config.ZOOM_OAUTH_URL} and ${config.ZOOM_API_URL}`,
      `  Redirect URL:  ${config.redirectUri}`,
      `  Webhook URL:   ${config.publicUrl}/webhooks/zoom`,
    );
  }

  console.warn(lines.join('\n') + '\n');
}
