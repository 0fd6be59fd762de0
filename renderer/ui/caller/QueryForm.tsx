import { useState, type FormEvent } from 'react';
import { QUESTION_MAX, type DirectoryEntry, type PatientContext, type Urgency } from '../../../signaling/protocol.js';
import { AGE_BAND, CARE_SETTING, URGENCY } from '../../logic/labels.js';
import { formatExpectedWait } from '../../logic/queue.js';
import { useCall } from '../../stores/call.js';
import { PhotoPicker, type PhotoState } from './PhotoPicker.js';

type AgeBand = PatientContext['ageBand'];
type CareSetting = PatientContext['setting'];

const URGENCY_HINT: Record<Urgency, string> = {
  urgent: 'patient at risk now',
  soon: 'within the hour',
  routine: 'today',
};

/** The query: question, urgency, patient context without identifiers, optional photo. */
export function QueryForm({ line, onBack }: { line: DirectoryEntry; onBack(): void }) {
  const place = useCall((s) => s.place);
  const busy = useCall((s) => s.busy);
  const error = useCall((s) => s.error);
  const [question, setQuestion] = useState('');
  const [urgency, setUrgency] = useState<Urgency>('soon');
  const [ageBand, setAgeBand] = useState<AgeBand>('adult_18_64');
  const [setting, setSetting] = useState<CareSetting>('primary_care');
  const [photo, setPhoto] = useState<PhotoState>({ kind: 'none' });
  const [touched, setTouched] = useState(false);
  const left = QUESTION_MAX - question.length;
  const missing = question.trim().length === 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (missing || photo.kind === 'uploading') return;
    void place({
      lineId: line.id,
      question: question.trim(),
      urgency,
      patient: { ageBand, setting },
      ...(photo.kind === 'attached' ? { photoId: photo.photoId } : {}),
    });
  };

  return (
    <form className="query" onSubmit={submit} aria-labelledby="query-title" noValidate>
      <button type="button" className="btn btn-quiet back" onClick={onBack}>
        ← All lines
      </button>
      <h2 id="query-title">Ask {line.name}</h2>
      <p className="muted">
        {line.providerOrgName} · {line.availableSpecialists} available · expected wait {formatExpectedWait(line.expectedWaitSec)}
      </p>

      <label className="field">
        <span>Your question (required)</span>
        <textarea
          value={question}
          maxLength={QUESTION_MAX}
          rows={5}
          required
          aria-invalid={touched && missing}
          aria-describedby={touched && missing ? 'question-error question-count' : 'question-count'}
          onChange={(e) => setQuestion(e.target.value)}
          placeholder="What do you need advice on? No patient names or identifiers."
          data-testid="question"
        />
        <span id="question-count" className={`counter ${left < 50 ? 'counter-low' : ''}`}>
          {left} characters left
        </span>
      </label>
      {touched && missing && (
        <p className="error" role="alert" id="question-error">
          Please type your question.
        </p>
      )}

      <fieldset className="urgencies">
        <legend>Urgency</legend>
        {(Object.keys(URGENCY) as Urgency[]).map((u) => (
          <label key={u} className={`code-option urgency-option urgency-${u} ${urgency === u ? 'selected' : ''}`}>
            <input type="radio" name="urgency" value={u} checked={urgency === u} onChange={() => setUrgency(u)} />
            <span>
              <strong>{URGENCY[u]}</strong> <span className="muted">— {URGENCY_HINT[u]}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="row">
        <label className="field">
          <span>Patient age</span>
          <select value={ageBand} onChange={(e) => setAgeBand(e.target.value as AgeBand)}>
            {Object.entries(AGE_BAND).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Setting</span>
          <select value={setting} onChange={(e) => setSetting(e.target.value as CareSetting)}>
            {Object.entries(CARE_SETTING).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      </div>

      <PhotoPicker state={photo} onChange={setPhoto} />

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-wide" disabled={busy || photo.kind === 'uploading'} data-testid="place-query">
        {busy ? 'Placing…' : 'Place query and call'}
      </button>
    </form>
  );
}
