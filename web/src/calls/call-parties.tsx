import type { Call } from '../api/api.types.js';
import { Link } from '../router/router.js';
import { unlinkedText } from './call-labels.js';

/** The contact column: links to every contact the number matched, or why there is none. */
export function CallParties({ call }: { call: Call }) {
  const unlinked = unlinkedText(call);

  if (unlinked !== null) return <span className="call-contacts subtle">{unlinked}</span>;

  return (
    <span className="call-contacts">
      {call.contacts.map((contact, index) => (
        <span key={contact.id}>
          {index > 0 && ', '}
          <Link to={`/contacts/${encodeURIComponent(contact.id)}`}>{contact.name}</Link>
        </span>
      ))}
      {call.match === 'ambiguous' && (
        <span className="badge" title="This number belongs to more than one contact">
          ambiguous
        </span>
      )}
    </span>
  );
}
