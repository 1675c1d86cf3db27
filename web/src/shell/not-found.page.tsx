import { Link } from '../router/router.js';

export function NotFoundPage() {
  return (
    <main className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link to="/contacts">Go to your contacts</Link>.
      </p>
    </main>
  );
}
