import type { ReactNode } from 'react';
import { PROFESSIONAL_GROUP } from '../../logic/labels.js';
import { signOut } from '../../stores/app.js';
import { useSession } from '../../stores/session.js';

const confirmSignOut = (count: number): boolean =>
  window.confirm(
    `${count} ${count === 1 ? 'outcome has' : 'outcomes have'} not reached the server yet. ` +
      'They stay on this device and are sent the next time you sign in here. Sign out anyway?',
  );

/** Top bar: brand, the signed-in user, extra controls, sign out. */
export function UserBar({ children }: { children?: ReactNode }) {
  const user = useSession((s) => s.user);
  if (!user) return null;
  return (
    <header className="topbar">
      <h1 className="brand small">
        <span className="brand-mark" aria-hidden="true">+</span> OnCall
      </h1>
      <div className="who">
        <strong data-testid="user-name">{user.displayName}</strong>
        <span className="muted">
          {PROFESSIONAL_GROUP[user.professionalGroup]} · {user.organisationName}
        </span>
      </div>
      <div className="topbar-controls">{children}</div>
      <button type="button" className="btn btn-quiet" onClick={() => void signOut(confirmSignOut)}>
        Sign out
      </button>
    </header>
  );
}
