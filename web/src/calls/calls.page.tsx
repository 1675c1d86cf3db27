import { useState } from 'react';
import { CallFiltersForm } from './call-filters.js';
import { CallListView } from './call-list.js';
import type { CallFilters } from './calls.api.js';
import { useCallList } from './use-call-list.js';
import { VoicemailSection } from '../voicemail/voicemail-list.section.js';

// The whole book's calls; polled like a contact's history so a call just logged shows up.
const POLL_MS = 2000;

export function CallsPage() {
  const [filters, setFilters] = useState<CallFilters>({});
  const live = useCallList(filters, POLL_MS);
  const filtered = Boolean(filters.direction || filters.result || filters.unmatched);

  return (
    <main className="page">
      <h1>Calls</h1>
      <VoicemailSection />
      <CallFiltersForm filters={filters} onChange={setFilters} />
      <CallListView
        live={live}
        showContacts
        emptyText={filtered ? 'No calls match these filters.' : 'No calls logged yet.'}
      />
    </main>
  );
}
