import { unsentCount } from '../../stores/outbox.js';
import { useOutbox } from '../../stores/outcomes.js';
import { useSession } from '../../stores/session.js';

/** A quiet bar when the server is out of reach, and how many outcomes wait to be sent. */
export function ConnectionBanner() {
  const status = useSession((s) => s.status);
  const unsent = useOutbox((s) => unsentCount(s.entries));
  const down = status === 'reconnecting' || status === 'connecting';
  if (!down && unsent === 0) return null;
  return (
    <div className={`banner ${down ? 'banner-warn' : 'banner-info'}`} data-testid="connection-banner">
      {down && <span>Connection to the server lost — reconnecting…</span>}
      {unsent > 0 && (
        <span>
          {unsent} {unsent === 1 ? 'outcome is' : 'outcomes are'} saved on this device, waiting for the server.
        </span>
      )}
    </div>
  );
}
