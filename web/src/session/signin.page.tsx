import { type FormEvent, useState } from 'react';
import type { User } from '../api/api.types.js';
import { messageForError } from '../api/error-messages.js';
import { ErrorNotice } from '../shell/notice.js';
import { signIn } from './session.api.js';

interface SignInPageProps {
  /** In demo mode, the seeded agent's address, so a newcomer knows what to type. */
  demoEmail: string | null;
  onSignedIn: (user: User) => void;
}

export function SignInPage({ demoEmail, onSignedIn }: SignInPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);

    try {
      onSignedIn(await signIn(email.trim(), password));
    } catch (caught) {
      setError(messageForError(caught));
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <h1>Sign in to 1Thing</h1>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label className="field">
          <span>Email</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && <ErrorNotice message={error} />}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {demoEmail && <p className="hint">Demo account: {demoEmail}</p>}
    </main>
  );
}
