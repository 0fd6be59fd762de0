import { firstRinging } from '../../logic/queue.js';
import { useCall } from '../../stores/call.js';
import { useQueue } from '../../stores/queue.js';
import { useSession } from '../../stores/session.js';
import { useFocusOnMount, useNow } from '../common/hooks.js';
import { QueueCard } from './QueueCard.js';

/** The live queue of every line this specialist covers, in routing order. */
export function QueueList({ focusTitle = false }: { focusTitle?: boolean }) {
  const items = useQueue((s) => s.items);
  const clockOffsetMs = useSession((s) => s.clockOffsetMs);
  const answer = useCall((s) => s.answer);
  const busy = useCall((s) => s.busy);
  const error = useCall((s) => s.error);
  const now = useNow();
  const first = firstRinging(items);
  const title = useFocusOnMount<HTMLHeadingElement>(focusTitle);

  return (
    <section className="queue" aria-labelledby="queue-title">
      <h2 id="queue-title" ref={title} tabIndex={-1}>
        Queue <span className="count">{items.length}</span>
      </h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="empty">No calls waiting.</p>
      ) : (
        <ol className="qlist">
          {items.map((item) => (
            <QueueCard
              key={item.callId}
              item={item}
              now={now}
              clockOffsetMs={clockOffsetMs}
              shortcut={item.callId === first?.callId}
              canAnswer={!busy}
              onAnswer={(id) => void answer(id)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
