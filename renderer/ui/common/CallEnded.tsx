import type { CallView } from '../../../signaling/protocol.js';
import { useCall } from '../../stores/call.js';

const TEXT = {
  abandoned: { title: 'Query cancelled', body: 'The query was withdrawn before it was answered.' },
  unanswered: {
    title: 'No answer — call-back requested',
    body: 'No specialist could answer within the line’s maximum wait. A call-back request has been recorded; the team will call you back.',
  },
  failed: { title: 'The call failed', body: 'The audio connection could not be set up. Please try again.' },
  closed: { title: 'Call closed', body: 'The call is finished.' },
} as const;

/** A call that ended without needing anything more from this user. */
export function CallEnded({ view, actionLabel, onDone }: { view: CallView; actionLabel: string; onDone?: () => void }) {
  const dismiss = useCall((s) => s.dismiss);
  const error = useCall((s) => s.error);
  const key = view.state in TEXT ? (view.state as keyof typeof TEXT) : 'closed';
  const callback = key === 'unanswered' || view.callbackRequested;
  return (
    <section className={`ended ended-${key}`} aria-labelledby="ended-title" data-testid="call-ended" data-state={view.state}>
      <h2 id="ended-title">{callback ? TEXT.unanswered.title : TEXT[key].title}</h2>
      <p>{callback ? TEXT.unanswered.body : TEXT[key].body}</p>
      {error && <p className="muted">{error}</p>}
      <button type="button" className="btn btn-primary" onClick={onDone ?? dismiss} autoFocus>
        {actionLabel}
      </button>
    </section>
  );
}
