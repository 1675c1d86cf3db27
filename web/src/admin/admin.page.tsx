import type { User } from '../api/api.types.js';
import { messageForCode } from '../api/error-messages.js';
import { ErrorNotice } from '../shell/notice.js';
import { PilotAllowlistSection } from './pilot-allowlist.section.js';
import { WebhookStatusSection } from './webhook-status.section.js';

export function AdminPage({ user }: { user: User }) {
  // The server enforces this too (FORBIDDEN); checking here only spares a non-admin two requests.
  if (!user.isAdmin) {
    return (
      <main className="page">
        <h1>Admin</h1>
        <ErrorNotice message={messageForCode('FORBIDDEN')} />
      </main>
    );
  }

  return (
    <main className="page">
      <h1>Admin</h1>
      <WebhookStatusSection />
      <PilotAllowlistSection />
    </main>
  );
}
