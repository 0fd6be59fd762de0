import { PRESENCE } from '../../logic/labels.js';
import { askNotificationPermission } from '../../platform/index.js';
import { NOT_RESPONDING_TEXT, usePresence } from '../../stores/presence.js';
import { useSession } from '../../stores/session.js';

/** The big on-call switch, the presence badge, and why the server changed it if it did. */
export function OnCallToggle() {
  const { status, reason, message, pending, error, choose } = usePresence();
  const online = useSession((s) => s.status === 'online');
  const onCall = status === 'available';
  const serverHeld = status === 'busy' || status === 'wrap_up';

  const toggle = () => {
    if (!onCall) void askNotificationPermission();
    void choose(onCall ? 'away' : 'available');
  };

  return (
    <section className="oncall" aria-label="On-call status">
      <span className={`presence presence-${status}`} data-testid="presence">
        {PRESENCE[status]}
      </span>
      <button
        type="button"
        role="switch"
        aria-checked={onCall}
        className={`toggle ${onCall ? 'toggle-on' : ''}`}
        disabled={pending || serverHeld || !online}
        onClick={toggle}
        data-testid="oncall-toggle"
      >
        <span className="toggle-track" aria-hidden="true">
          <span className="toggle-knob" />
        </span>
        <span className="toggle-label">
          {status === 'busy'
            ? 'In a call'
            : status === 'wrap_up'
              ? 'Wrap-up — record the outcome'
              : onCall
                ? 'On call — taking calls'
                : 'Away — not taking calls'}
        </span>
      </button>
      {status === 'away' && reason === 'not_responding' && (
        <p className="notice notice-warn" role="alert" data-testid="not-responding">
          {message ?? NOT_RESPONDING_TEXT}
        </p>
      )}
      {serverHeld && (
        <p className="muted small-text">
          {status === 'busy' ? 'No other calls ring while you are in a call.' : 'Calls ring for you again once the outcome is saved.'}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
