import { lazy, Suspense } from 'react';
import { useSession } from '../stores/session.js';
import { CallerApp } from './caller/CallerApp.js';
import { Announcer } from './common/Announcer.js';
import { ConnectionBanner } from './common/ConnectionBanner.js';
import { useShortcuts } from './common/useShortcuts.js';
import { SignIn } from './SignIn.js';
import { SpecialistApp } from './specialist/SpecialistApp.js';

/** Reports and charts are large and only for administrators: loaded on demand. */
const AdminApp = lazy(() => import('./AdminApp.js').then((m) => ({ default: m.AdminApp })));

export function App() {
  useShortcuts();
  const status = useSession((s) => s.status);
  const role = useSession((s) => s.user?.role);
  let body;
  if (status === 'starting') body = <p className="center muted">Starting…</p>;
  else if (status === 'signed_out' || status === 'signing_in') body = <SignIn />;
  else if (!role) body = <p className="center muted">Connecting…</p>;
  else if (role === 'specialist') body = <SpecialistApp />;
  else if (role === 'caller') body = <CallerApp />;
  else {
    body = (
      <Suspense fallback={<p className="center muted">Loading…</p>}>
        <AdminApp />
      </Suspense>
    );
  }
  return (
    <>
      <ConnectionBanner />
      {body}
      <Announcer />
    </>
  );
}
