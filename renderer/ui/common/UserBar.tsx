import type { ReactNode } from 'react';
import { PROFESSIONAL_GROUP } from '../../logic/labels.js';
import { signOut } from '../../stores/app.js';
import { useSession } from '../../stores/session.js';

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
      <button type="button" className="btn btn-quiet" onClick={() => void signOut()}>
        Sign out
      </button>
    </header>
  );
}
