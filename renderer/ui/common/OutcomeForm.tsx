import { useState, type FormEvent } from 'react';
import { OutcomeNote, type OutcomeCodeDef, type OutcomeView } from '../../../signaling/protocol.js';
import { outcomeForCall } from '../../stores/outbox.js';
import { recordOutcome, useOutbox } from '../../stores/outcomes.js';
import { useFocusOnMount } from './hooks.js';
import { SavedOutcome, shownOutcome } from './SavedOutcome.js';

interface Props {
  kind: 'advice' | 'patient';
  callId: string;
  title: string;
  intro: string;
  /** Said first and plainly: why the call ended, when that is news (a connection lost mid-call). */
  notice?: string | null;
  codes: OutcomeCodeDef[];
  topics?: string[];
  /** This side's outcome as the server's call view holds it (saved earlier, or on another device). */
  recorded: OutcomeView | null;
  /** Leave the form once the outcome is safely saved. */
  doneLabel: string;
  onDone(): void;
}

const NOTE_MAX = 2000;

/**
 * The outcome form for either side. Saving writes to the durable outbox first; the status then
 * follows the outbox: "saved on this device — waiting for the server" until acknowledged, "stored".
 * An outcome the server already holds is shown instead of the form: a second one would be refused.
 */
export function OutcomeForm({ kind, callId, title, intro, notice, codes, topics = [], recorded, doneLabel, onDone }: Props) {
  const saved = useOutbox((s) => outcomeForCall(s, callId, kind));
  const shown = shownOutcome(recorded, saved, codes);
  const [code, setCode] = useState('');
  const [topic, setTopic] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const def = codes.find((c) => c.code === code);
  // After hang-up focus starts on the first outcome; once saved, on the way back (SavedOutcome).
  const firstCode = useFocusOnMount<HTMLInputElement>(!shown);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!def) return setError('Choose an outcome.');
    if (def.needsNote && !note.trim()) return setError('Please describe the outcome in the note.');
    if (!OutcomeNote.safeParse(note).success) return setError(`The note may be at most ${NOTE_MAX} characters.`);
    setSaving(true);
    setError(null);
    try {
      await recordOutcome(kind, { callId, code, topic, note });
    } catch (err) {
      setError(`Not saved: ${err instanceof Error ? err.message : String(err)}. Please try again.`);
    } finally {
      setSaving(false);
    }
  };

  if (shown) return <SavedOutcome kind={kind} title={title} outcome={shown} doneLabel={doneLabel} onDone={onDone} />;

  return (
    <form className="outcome-form" onSubmit={(e) => void submit(e)} aria-labelledby="outcome-title" data-testid={`outcome-${kind}`}>
      <h2 id="outcome-title">{title}</h2>
      {notice && (
        <p className="notice notice-warn" role="status" data-testid="call-dropped">
          {notice}
        </p>
      )}
      <p className="muted">{intro}</p>
      <fieldset className="codes">
        <legend>Outcome</legend>
        {codes.map((c, i) => (
          <label key={c.code} className={`code-option ${code === c.code ? 'selected' : ''}`}>
            <input
              type="radio"
              name={`${kind}-code`}
              value={c.code}
              checked={code === c.code}
              onChange={() => setCode(c.code)}
              ref={i === 0 ? firstCode : undefined}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </fieldset>
      {topics.length > 0 && (
        <label className="field">
          <span>Topic (optional)</span>
          <select value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">—</option>
            {topics.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Note {def?.needsNote ? '(required)' : '(optional)'}</span>
        <textarea value={note} maxLength={NOTE_MAX} rows={3} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-wide" disabled={saving || !code} data-testid="save-outcome">
        {saving ? 'Saving…' : 'Save outcome'}
      </button>
    </form>
  );
}
