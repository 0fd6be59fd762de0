import type { CallView } from '../../../signaling/protocol.js';
import { URGENCY } from '../../logic/labels.js';
import { elapsedSec, formatDuration, formatExpectedWait } from '../../logic/queue.js';
import { useCall } from '../../stores/call.js';
import { useSession } from '../../stores/session.js';
import { useFocusOnMount, useNow } from '../common/hooks.js';

/** The caller's query is waiting: position, expected wait, time waited, cancel. */
export function Waiting({ view }: { view: CallView }) {
  const cancel = useCall((s) => s.cancel);
  const error = useCall((s) => s.error);
  const offset = useSession((s) => s.clockOffsetMs);
  const now = useNow();
  const title = useFocusOnMount<HTMLHeadingElement>();
  const waited = elapsedSec(view.createdAt, now, offset);
  const giveUpIn = view.giveUpAt ? Math.max(0, Math.ceil((view.giveUpAt - (now + offset)) / 1000)) : null;

  return (
    <section className="waiting" aria-labelledby="waiting-title" data-testid="waiting" data-state={view.state}>
      <p className="eyebrow">
        {view.lineName} · {URGENCY[view.urgency]}
      </p>
      <h2 id="waiting-title" className="waiting-title" ref={title} tabIndex={-1}>
        <span className="pulse" aria-hidden="true" />
        {view.state === 'ringing' ? 'Ringing the specialists…' : 'Waiting in the queue…'}
      </h2>
      <dl className="facts">
        <div>
          <dt>Position</dt>
          <dd data-testid="position">{view.position ?? '—'}</dd>
        </div>
        <div>
          <dt>Expected wait</dt>
          <dd className={view.expectedWaitSec === null ? 'dd-text' : ''}>{formatExpectedWait(view.expectedWaitSec)}</dd>
        </div>
        <div>
          <dt>Waited</dt>
          <dd>
            <time>{formatDuration(waited)}</time>
          </dd>
        </div>
      </dl>
      {giveUpIn !== null && (
        <p className="muted">
          If nobody can answer within {formatDuration(giveUpIn)}, a call-back will be requested for you automatically.
        </p>
      )}
      <blockquote className="your-question">
        <span className="muted small-text">Your question</span>
        <p>{view.question}</p>
      </blockquote>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="btn btn-danger-outline" onClick={() => void cancel()} data-testid="cancel-query">
        Cancel query
      </button>
    </section>
  );
}
