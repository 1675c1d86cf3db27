// The app shell: who is signed in decides between the sign-in page and the pages behind the top
// bar; the path decides which page.
import { type ReactNode, useEffect } from 'react';
import type { User } from './api/api.types.js';
import { messageForError } from './api/error-messages.js';
import { AdminPage } from './admin/admin.page.js';
import { ActivitiesPage } from './activities/activities.page.js';
import { ActivityDetailPage } from './activities/activity-detail.page.js';
import { CallsPage } from './calls/calls.page.js';
import { ContactDetailPage } from './contacts/contact-detail.page.js';
import { ContactsPage } from './contacts/contacts.page.js';
import { IntegrationsPage } from './integrations/integrations.page.js';
import { type Route, matchRoute, safeNextPath } from './router/route-match.js';
import { navigate, useLocation } from './router/router.js';
import { SignInPage } from './session/signin.page.js';
import { useSession } from './session/use-session.js';
import { DemoBanner } from './shell/demo-banner.js';
import { NotFoundPage } from './shell/not-found.page.js';
import { ErrorNotice, Loading } from './shell/notice.js';
import { TopBar } from './shell/top-bar.js';
import { LiveCallsLayer } from './live/live-calls.layer.js';
import { useDemoInfo } from './shell/use-demo-info.js';

const TITLES: Record<Route['name'], string> = {
  home: '1Thing',
  signin: 'Sign in',
  contacts: 'Contacts',
  contact: 'Contact',
  calls: 'Calls',
  activities: 'Activities',
  activity: 'Activity',
  integrations: 'Integrations',
  admin: 'Admin',
  'not-found': 'Page not found',
};

export function App() {
  const session = useSession();
  const demo = useDemoInfo();
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname);
  const { state } = session;
  const query = search.toString();
  const next = search.get('next');
  const expired = state.status === 'signed-out' && state.reason === 'expired';

  useEffect(() => {
    document.title = route.name === 'home' ? TITLES.home : `${TITLES[route.name]} · 1Thing`;
  }, [route.name]);

  useEffect(() => {
    if (state.status === 'signed-out' && route.name !== 'signin') {
      const here = pathname + (query === '' ? '' : `?${query}`);
      const back = expired && route.name !== 'home' ? `?next=${encodeURIComponent(here)}` : '';

      navigate(`/signin${back}`, { replace: true });
    } else if (state.status === 'signed-in' && route.name === 'signin') {
      navigate(safeNextPath(next), { replace: true });
    } else if (state.status === 'signed-in' && route.name === 'home') {
      navigate('/contacts', { replace: true });
    }
  }, [state.status, expired, route.name, pathname, query, next]);

  let body: ReactNode;

  if (route.name === 'signin' && state.status !== 'signed-in') {
    body = <SignInPage demoEmail={demo?.demoEmail ?? null} onSignedIn={session.signedIn} />;
  } else if (state.status === 'signed-in') {
    body = (
      <>
        <TopBar user={state.user} onSignOut={session.signOut} />
        <LiveCallsLayer />
        <PageFor route={route} user={state.user} />
      </>
    );
  } else if (state.status === 'unavailable') {
    body = (
      <main className="page">
        <ErrorNotice message={messageForError(state.error)}>
          <button type="button" className="button" onClick={() => void session.reload()}>
            Try again
          </button>
        </ErrorNotice>
      </main>
    );
  } else {
    body = (
      <main className="page">
        <Loading what="1Thing" />
      </main>
    );
  }

  return (
    <>
      {demo && <DemoBanner demo={demo} />}
      {body}
    </>
  );
}

function PageFor({ route, user }: { route: Route; user: User }) {
  switch (route.name) {
    case 'contacts':
      return <ContactsPage />;
    case 'contact':
      // Keyed so that moving from one contact to another starts from a clean page.
      return <ContactDetailPage key={route.id} id={route.id} />;
    case 'calls':
      return <CallsPage />;
    case 'activities':
      return <ActivitiesPage />;
    case 'activity':
      return <ActivityDetailPage key={route.id} id={route.id} />;
    case 'integrations':
      return <IntegrationsPage />;
    case 'admin':
      return <AdminPage user={user} />;
    case 'not-found':
      return <NotFoundPage />;
    case 'home':
    case 'signin':
      // Both redirect (to /contacts, or to where sign-in came from) as soon as this renders.
      return <Loading what="your contacts" />;
  }
}
