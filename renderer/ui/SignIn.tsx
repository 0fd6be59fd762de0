import { useState, type FormEvent } from 'react';
import { platform } from '../platform/index.js';
import { SERVER_CHANGED_KEY, signIn } from '../stores/app.js';

/** After a change of server address the page reloads; say so once and keep the username. */
let serverChange: string | null | undefined;
function takeServerChange(): string | null {
  if (serverChange === undefined) {
    serverChange = sessionStorage.getItem(SERVER_CHANGED_KEY);
    sessionStorage.removeItem(SERVER_CHANGED_KEY);
  }
  return serverChange;
}
import { useSession } from '../stores/session.js';

export function SignIn() {
  const { status, error, serverUrl } = useSession();
  const canChooseServer = platform().canChooseServer;
  const [url, setUrl] = useState(serverUrl);
  const [changed] = useState(takeServerChange);
  const [username, setUsername] = useState(changed ?? '');
  const [password, setPassword] = useState('');
  const busy = status === 'signing_in';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn(canChooseServer ? url : serverUrl, username, password);
  };

  return (
    <main className="signin">
      <div className="signin-card">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true">+</span> OnCall
        </h1>
        <p className="muted">Clinical advice from on-call specialists</p>
        <form onSubmit={submit} aria-describedby={error ? 'signin-error' : undefined}>
          {canChooseServer && (
            <label className="field">
              <span>Server address</span>
              <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://oncall.example.nhs.uk" />
            </label>
          )}
          <label className="field">
            <span>Username</span>
            <input name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label className="field">
            <span>Password</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {changed !== null && !error && (
            <p className="muted" role="status">
              Server address saved. Please sign in.
            </p>
          )}
          {error && (
            <p className="error" id="signin-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-wide" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
