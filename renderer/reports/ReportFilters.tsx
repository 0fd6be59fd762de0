import { useState, type FormEvent } from 'react';
import { ProfessionalGroup, type Line, type Organisation } from '../../signaling/protocol.js';
import { PROFESSIONAL_GROUP } from '../logic/labels.js';
import { LabelledOptions, NamedOptions } from '../ui/common/Options.js';
import type { ReportFilterState } from './format.js';

/** Date range and filters; applied on submit so a half-typed date does not fire requests. */
export function ReportFilters(props: {
  value: ReportFilterState;
  lines: Line[];
  organisations: Organisation[];
  busy: boolean;
  onApply: (f: ReportFilterState) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const set = <K extends keyof ReportFilterState>(k: K, v: ReportFilterState[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const providers = props.organisations.filter((o) => props.lines.some((l) => l.providerOrgId === o.id));
  const badRange = draft.from !== '' && draft.to !== '' && draft.to < draft.from;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!badRange) props.onApply(draft);
  };
  return (
    <form className="report-filters" onSubmit={submit} aria-label="Report filters">
      <label className="field">
        <span>From</span>
        <input type="date" value={draft.from} onChange={(e) => set('from', e.target.value)} data-testid="filter-from" />
      </label>
      <label className="field">
        <span>To (inclusive)</span>
        <input
          type="date"
          value={draft.to}
          onChange={(e) => set('to', e.target.value)}
          aria-invalid={badRange}
          aria-describedby={badRange ? 'range-error' : undefined}
          data-testid="filter-to"
        />
      </label>
      <label className="field">
        <span>Line</span>
        <select value={draft.lineId} onChange={(e) => set('lineId', e.target.value)} data-testid="filter-line">
          <option value="">All lines</option>
          {props.lines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
              {l.internal ? ' (internal)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Provider</span>
        <select value={draft.providerOrgId} onChange={(e) => set('providerOrgId', e.target.value)}>
          <option value="">All providers</option>
          <NamedOptions items={providers} />
        </select>
      </label>
      <label className="field">
        <span>Caller organisation</span>
        <select value={draft.callerOrgId} onChange={(e) => set('callerOrgId', e.target.value)}>
          <option value="">All organisations</option>
          <NamedOptions items={props.organisations} />
        </select>
      </label>
      <label className="field">
        <span>Caller's professional group</span>
        <select value={draft.professionalGroup} onChange={(e) => set('professionalGroup', e.target.value as ReportFilterState['professionalGroup'])}>
          <option value="">All groups</option>
          <LabelledOptions codes={ProfessionalGroup.options} labels={PROFESSIONAL_GROUP} />
        </select>
      </label>
      <button type="submit" className="btn btn-primary" disabled={props.busy || badRange}>
        {props.busy ? 'Loading…' : 'Show report'}
      </button>
      {badRange && (
        <p className="error" id="range-error" role="alert">
          The end date is before the start date.
        </p>
      )}
    </form>
  );
}
