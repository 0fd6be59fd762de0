import { useState, type FormEvent } from 'react';
import {
  DEFAULT_ADVICE_OUTCOMES,
  DEFAULT_PATIENT_OUTCOMES,
  RoutingStrategy,
  type AdminUser,
  type HoursOfCover,
  type Line,
  type LineConfig,
  type Organisation,
} from '../../signaling/protocol.js';
import { apiJson } from '../reports/api.js';
import { LabelledOptions, NamedOptions } from '../ui/common/Options.js';
import { SaveOrCancel } from './AdminPanel.js';
import { ErrorSummary, FieldIssues, fieldMarks, useAdminSave } from './issues.js';
import { OutcomeCodesEditor } from './OutcomeCodesEditor.js';
import { SpecialistRota } from './SpecialistRota.js';

const ROUTING_LABEL: Record<RoutingStrategy, string> = { ring_all: 'Ring all', longest_idle: 'Longest idle first', rota_order: 'Rota order' };
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LABELS: Record<string, string> = {
  name: 'Name', specialty: 'Specialty', providerOrgId: 'Provider', hours: 'Hours of cover', routing: 'Routing',
  ringTimeoutSec: 'Ring time-out', maxWaitSec: 'Maximum wait', answerTargetSec: 'Answer target', adviceOutcomes: 'Advice outcomes',
  patientOutcomes: 'Patient outcomes', topics: 'Topics', callerOrgIds: 'Caller organisations', specialistIds: 'Specialists',
};

export function newLineConfig(providerOrgId = ''): LineConfig {
  return {
    name: '', specialty: '', providerOrgId, internal: false, hours: { kind: 'always' }, routing: 'ring_all', ringTimeoutSec: 20,
    maxWaitSec: 300, answerTargetSec: 60, adviceOutcomes: DEFAULT_ADVICE_OUTCOMES, patientOutcomes: DEFAULT_PATIENT_OUTCOMES,
    topics: [], callerOrgIds: [], specialistIds: [], active: true,
  };
}

export function configOf(line: Line): LineConfig {
  const { id: _id, providerOrgName: _name, ...cfg } = line;
  return cfg;
}

/** Create or edit a line. The server validates; its issues are listed and marked on the fields. */
export function LineForm(props: { line: Line | null; organisations: Organisation[]; users: AdminUser[]; onSaved: (l: Line) => void; onCancel: () => void }) {
  const [cfg, setCfg] = useState<LineConfig>(() => (props.line ? configOf(props.line) : newLineConfig(props.organisations[0]?.id)));
  const [topicsText, setTopicsText] = useState(cfg.topics.join('\n'));
  const { error, issues, saving, save } = useAdminSave();
  const set = <K extends keyof LineConfig>(k: K, v: LineConfig[K]) => setCfg((c) => ({ ...c, [k]: v }));
  const { bad, aria } = fieldMarks(issues, 'err-');
  const hours = cfg.hours;
  const setWeekly = (patch: Partial<Extract<HoursOfCover, { kind: 'weekly' }>>) =>
    hours.kind === 'weekly' && set('hours', { ...hours, ...patch });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: LineConfig = { ...cfg, topics: topicsText.split('\n').map((t) => t.trim()).filter(Boolean) };
    const req = props.line ? apiJson<Line>('PUT', `/api/admin/lines/${props.line.id}`, body) : apiJson<Line>('POST', '/api/admin/lines', body);
    save(req, props.onSaved);
  };

  const num = (k: 'ringTimeoutSec' | 'maxWaitSec' | 'answerTargetSec', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="number" value={cfg[k]} onChange={(e) => set(k, Number(e.target.value))} {...aria(k)} />
      <FieldIssues id={`err-${k}`} messages={bad(k)} />
    </label>
  );

  return (
    <form className="admin-form" onSubmit={submit} aria-label={props.line ? `Edit line ${props.line.name}` : 'New line'} noValidate>
      <h3>{props.line ? `Edit line: ${props.line.name}` : 'New line'}</h3>
      <ErrorSummary message={error} issues={issues} labels={LABELS} />
      <div className="admin-form-grid">
        <label className="field">
          <span>Name</span>
          <input value={cfg.name} onChange={(e) => set('name', e.target.value)} {...aria('name')} data-testid="line-name" />
          <FieldIssues id="err-name" messages={bad('name')} />
        </label>
        <label className="field">
          <span>Specialty</span>
          <input value={cfg.specialty} onChange={(e) => set('specialty', e.target.value)} {...aria('specialty')} />
          <FieldIssues id="err-specialty" messages={bad('specialty')} />
        </label>
        <label className="field">
          <span>Provider organisation</span>
          <select value={cfg.providerOrgId} onChange={(e) => set('providerOrgId', e.target.value)} {...aria('providerOrgId')}>
            <NamedOptions items={props.organisations} />
          </select>
        </label>
        <label className="field inline">
          <input type="checkbox" checked={cfg.internal} onChange={(e) => set('internal', e.target.checked)} />
          <span>Internal line (only the provider's own staff can call it)</span>
        </label>
        <label className="field">
          <span>Routing</span>
          <select value={cfg.routing} onChange={(e) => set('routing', e.target.value as RoutingStrategy)}>
            <LabelledOptions codes={RoutingStrategy.options} labels={ROUTING_LABEL} />
          </select>
        </label>
        {num('ringTimeoutSec', 'Ring time-out (seconds)')}
        {num('maxWaitSec', 'Maximum wait (seconds)')}
        {num('answerTargetSec', 'Answer target (seconds)')}
        <label className="field inline">
          <input type="checkbox" checked={cfg.active} onChange={(e) => set('active', e.target.checked)} />
          <span>Active (listed in the directory)</span>
        </label>
      </div>

      <fieldset className="admin-hours" aria-invalid={bad('hours').length > 0}>
        <legend>Hours of cover</legend>
        <label className="field inline">
          <input type="radio" name="hours" checked={hours.kind === 'always'} onChange={() => set('hours', { kind: 'always' })} /> Always (24/7)
        </label>
        <label className="field inline">
          <input
            type="radio"
            name="hours"
            checked={hours.kind === 'weekly'}
            onChange={() => set('hours', { kind: 'weekly', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', timeZone: 'Europe/London' })}
          />{' '}
          Weekly
        </label>
        {hours.kind === 'weekly' && (
          <div className="admin-weekly">
            {DAYS.map((d, i) => (
              <label key={d} className="inline">
                <input
                  type="checkbox"
                  checked={hours.days.includes(i)}
                  onChange={(e) => setWeekly({ days: e.target.checked ? [...hours.days, i].sort() : hours.days.filter((x) => x !== i) })}
                />{' '}
                {d}
              </label>
            ))}
            <label className="field inline">
              <span>From</span>
              <input type="time" value={hours.start} onChange={(e) => setWeekly({ start: e.target.value })} />
            </label>
            <label className="field inline">
              <span>To</span>
              <input type="time" value={hours.end} onChange={(e) => setWeekly({ end: e.target.value })} />
            </label>
            <label className="field inline">
              <span>Time zone</span>
              <input value={hours.timeZone} onChange={(e) => setWeekly({ timeZone: e.target.value })} />
            </label>
          </div>
        )}
        <FieldIssues id="err-hours" messages={bad('hours')} />
      </fieldset>

      <fieldset className="admin-callers" aria-invalid={bad('callerOrgIds').length > 0} disabled={cfg.internal}>
        <legend>Organisations that may call this line{cfg.internal ? ' (internal: own staff only)' : ''}</legend>
        {props.organisations.map((o) => (
          <label key={o.id} className="inline">
            <input
              type="checkbox"
              checked={cfg.callerOrgIds.includes(o.id)}
              onChange={(e) => set('callerOrgIds', e.target.checked ? [...cfg.callerOrgIds, o.id] : cfg.callerOrgIds.filter((x) => x !== o.id))}
            />{' '}
            {o.name}
          </label>
        ))}
        <FieldIssues id="err-callerOrgIds" messages={bad('callerOrgIds')} />
      </fieldset>

      <SpecialistRota value={cfg.specialistIds} users={props.users} onChange={(v) => set('specialistIds', v)} invalid={bad('specialistIds').length > 0} />

      <label className="field">
        <span>Topics (one per line; offered on the advice outcome form)</span>
        <textarea rows={5} value={topicsText} onChange={(e) => setTopicsText(e.target.value)} {...aria('topics')} />
        <FieldIssues id="err-topics" messages={bad('topics')} />
      </label>

      <OutcomeCodesEditor legend="Advice outcomes (specialist)" value={cfg.adviceOutcomes} onChange={(v) => set('adviceOutcomes', v)} invalid={bad('adviceOutcomes').length > 0} />
      <OutcomeCodesEditor legend="Patient outcomes (caller)" value={cfg.patientOutcomes} onChange={(v) => set('patientOutcomes', v)} invalid={bad('patientOutcomes').length > 0} />

      <SaveOrCancel saving={saving} label="Save line" testId="line-save" onCancel={props.onCancel} />
    </form>
  );
}
