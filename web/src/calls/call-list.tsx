import type { LiveCallList } from './use-call-list.js';
import { CallRow } from './call-row.js';
import { ErrorNotice, Loading } from '../shell/notice.js';

interface CallListViewProps {
  live: LiveCallList;
  showContacts: boolean;
  emptyText: string;
}

export function CallListView({ live, showContacts, emptyText }: CallListViewProps) {
  const { list, error, loadingMore, loadMore } = live;

  return (
    <div className="call-list-view">
      {error && <ErrorNotice message={error} />}
      {list === null && !error && <Loading what="calls" />}
      {list !== null && list.calls.length === 0 && <p className="empty">{emptyText}</p>}
      {list !== null && list.calls.length > 0 && (
        <ul className="call-list">
          {list.calls.map((call) => (
            <CallRow key={call.id} call={call} showContacts={showContacts} />
          ))}
        </ul>
      )}
      {list?.nextCursor && (
        <button
          type="button"
          className="button"
          disabled={loadingMore}
          onClick={() => void loadMore()}
        >
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
