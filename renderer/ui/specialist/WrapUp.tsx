import type { CallView } from '../../../signaling/protocol.js';
import { PROFESSIONAL_GROUP } from '../../logic/labels.js';
import { droppedNotice } from '../../logic/dropped.js';
import { formatDuration } from '../../logic/queue.js';
import { useCall } from '../../stores/call.js';
import { useSession } from '../../stores/session.js';
import { OutcomeForm } from '../common/OutcomeForm.js';

/** After hang-up: the advice outcome must be recorded before the next call. */
export function WrapUp({ view }: { view: CallView }) {
  const dismiss = useCall((s) => s.dismiss);
  const me = useSession((s) => s.user?.id ?? '');
  const dropped = droppedNotice(view, me);
  const length = view.answeredAt && view.endedAt ? Math.round((view.endedAt - view.answeredAt) / 1000) : null;
  return (
    <div className="wrapup" data-testid="wrap-up">
      <aside className="wrapup-summary" aria-label="Call summary">
        <p className="eyebrow">Wrap-up · {view.lineName}</p>
        <p>
          <strong>{view.caller.displayName}</strong>
          <br />
          <span className="muted">
            {PROFESSIONAL_GROUP[view.caller.professionalGroup]} · {view.caller.organisationName}
          </span>
        </p>
        <p className="question small">{view.question}</p>
        {length !== null && <p className="muted">Call length {formatDuration(length)}</p>}
      </aside>
      <OutcomeForm
        kind="advice"
        callId={view.id}
        title="Advice outcome"
        notice={dropped}
        intro="Record what you advised. You will be offered calls again once it is saved."
        codes={view.adviceOutcomes}
        recorded={view.adviceOutcome}
        topics={view.topics}
        doneLabel="Back to the queue"
        onDone={dismiss}
      />
    </div>
  );
}
