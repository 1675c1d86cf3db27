import { useMemo } from 'react';
import { CallListView } from '../calls/call-list.js';
import { useCallList } from '../calls/use-call-list.js';

// Support's promise: a call that ends shows up here within a couple of seconds, no reload.
const POLL_MS = 2000;

export function ContactCallsSection({ contactId }: { contactId: string }) {
  const filters = useMemo(() => ({ contactId }), [contactId]);
  const live = useCallList(filters, POLL_MS);

  return (
    <section className="panel" aria-labelledby="call-history-title">
      <h2 id="call-history-title">Call history</h2>
      <CallListView live={live} showContacts={false} emptyText="No calls with this contact yet." />
    </section>
  );
}
