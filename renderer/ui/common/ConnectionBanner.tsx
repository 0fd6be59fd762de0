import { refusals, unsentCount } from '../../stores/outbox.js';
import { useOutbox } from '../../stores/outcomes.js';
import { useSession } from '../../stores/session.js';

/** A quiet bar when the server is out of reach, and how many outcomes wait to be sent. */
export function ConnectionBanner() {
  const status = useSession((s) => s.status);
  // Only the signed-in user's outcomes: on a shared PC, other users' wait for them, unseen.
  const refused = useOutbox((s) => refusals(s).count);
  const reason = useOutbox((s) => refusals(s).reason);
  const waiting = useOutbox((s) => unsentCount(s)) - refused;
  const down = status === 'reconnecting' || status === 'connecting';
  if (!down && waiting === 0 && refused === 0) return null;
  return (
    <div className={`banner ${down || refused > 0 ? 'banner-warn' : 'banner-info'}`} data-testid="connection-banner">
      {down && <span>Connection to the server lost — reconnecting…</span>}
      {waiting > 0 && (
        <span>
          {waiting} {waiting === 1 ? 'outcome is' : 'outcomes are'} saved on this device, waiting for the server.
        </span>
      )}
      {/* A refusal is not a delay: say so, and why, wherever the user is. */}
      {refused > 0 && (
        <span data-testid="outbox-refused">
          {refused} {refused === 1 ? 'outcome was' : 'outcomes were'} refused by the server ({reason ?? 'no reason given'}). Kept
          on this device and tried again at the next connection.
        </span>
      )}
    </div>
  );
}
