import type { OutcomeCodeDef, OutcomeView } from '../../../signaling/protocol.js';
import type { OutboxEntry } from '../../stores/outbox.js';
import { useFocusOnMount } from './hooks.js';

/** An outcome as it stands: what the server holds for the call, else what this device has saved. */
export interface ShownOutcome {
  label: string;
  topic: string | null;
  note: string | null;
  status: OutboxEntry['status'];
  error: string | null;
}

/**
 * The server's record wins: it is what the call has, whichever device saved it. The local entry
 * shows what this device saved while the server does not (yet) report it.
 */
export function shownOutcome(recorded: OutcomeView | null, saved: OutboxEntry | null, codes: OutcomeCodeDef[]): ShownOutcome | null {
  if (recorded) return { label: recorded.label, topic: recorded.topic, note: recorded.note, status: 'stored', error: null };
  if (!saved) return null;
  const { payload } = saved.item;
  return {
    label: codes.find((c) => c.code === payload.code)?.label ?? payload.code,
    topic: ('topic' in payload && payload.topic) || null,
    note: payload.note ?? null,
    status: saved.status,
    error: saved.error,
  };
}

const WAITING = 'Saved — waiting for the server. It is kept on this device and sent as soon as the server can be reached.';

function statusText({ status, error }: ShownOutcome): string {
  if (status === 'stored') return 'Stored — the server has the outcome.';
  if (status === 'rejected') return `Saved on this device; the server refused it (${error ?? 'error'}). It is kept and will be retried.`;
  return WAITING;
}

interface Props {
  kind: 'advice' | 'patient';
  title: string;
  outcome: ShownOutcome;
  doneLabel: string;
  onDone(): void;
}

/** A side's outcome once saved: what it says and where it stands; focus goes to the way back. */
export function SavedOutcome({ kind, title, outcome, doneLabel, onDone }: Props) {
  const done = useFocusOnMount<HTMLButtonElement>();
  return (
    <section className="outcome-saved" aria-labelledby="outcome-title" data-testid={`outcome-${kind}`}>
      <h2 id="outcome-title">{title}</h2>
      <p className="saved-code">{outcome.label}</p>
      {outcome.topic && (
        <p>
          <span className="muted">Topic:</span> {outcome.topic}
        </p>
      )}
      {outcome.note && (
        <p>
          <span className="muted">Note:</span> {outcome.note}
        </p>
      )}
      <p className={`outbox-status outbox-${outcome.status}`} role="status" data-testid="outbox-status">
        {statusText(outcome)}
      </p>
      <button type="button" className="btn btn-primary" onClick={onDone} ref={done} data-testid="outcome-done">
        {doneLabel}
      </button>
    </section>
  );
}
