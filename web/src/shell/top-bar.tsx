import { useState } from 'react';
import type { User } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { Link, useLocation } from '../router/router.js';
import { ErrorNotice } from './notice.js';

interface TopBarProps {
  user: User;
  onSignOut: () => Promise<void>;
}

const LINKS = [
  { to: '/contacts', label: 'Contacts', admin: false },
  { to: '/calls', label: 'Calls', admin: false },
  { to: '/activities', label: 'Activities', admin: false },
  { to: '/settings/integrations', label: 'Settings → Integrations', admin: false },
  { to: '/admin', label: 'Admin', admin: true },
];

export function TopBar({ user, onSignOut }: TopBarProps) {
  const { pathname } = useLocation();
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setError(null);

    try {
      await onSignOut();
    } catch (caught) {
      setError(messageForError(caught));
    }
  }

  return (
    <header className="top-bar">
      <div className="top-bar-inner">
        <Link to="/contacts" className="brand">
          1Thing
        </Link>
        <nav aria-label="Main">
          <ul className="nav-links">
            {LINKS.filter((link) => !link.admin || user.isAdmin).map((link) => (
              <li key={link.to}>
                <Link to={link.to} aria-current={isCurrent(pathname, link.to) ? 'page' : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <span className="account-name">{user.name}</span>
          <button type="button" className="button link-like" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
      {error && <ErrorNotice message={error} />}
    </header>
  );
}

function isCurrent(pathname: string, to: string): boolean {
  return pathname === to || pathname.startsWith(`${to}/`);
}
