import { OutcomeCategory, type OutcomeCodeDef } from '../../signaling/protocol.js';
import { CATEGORY_LABEL } from '../reports/charts.js';

/** Edits a line's list of outcome codes: code, label, category (what reports count) and whether a note is required. */
export function OutcomeCodesEditor(props: { legend: string; value: OutcomeCodeDef[]; onChange: (v: OutcomeCodeDef[]) => void; invalid: boolean }) {
  const update = (i: number, patch: Partial<OutcomeCodeDef>) => props.onChange(props.value.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <fieldset className="admin-codes" aria-invalid={props.invalid}>
      <legend>{props.legend}</legend>
      {props.value.map((o, i) => (
        <div className="admin-code-row" key={i}>
          <input aria-label={`${props.legend} ${i + 1}: code`} value={o.code} onChange={(e) => update(i, { code: e.target.value.toUpperCase() })} />
          <input aria-label={`${props.legend} ${i + 1}: label`} value={o.label} onChange={(e) => update(i, { label: e.target.value })} />
          <select aria-label={`${props.legend} ${i + 1}: category`} value={o.category} onChange={(e) => update(i, { category: e.target.value as OutcomeCategory })}>
            {OutcomeCategory.options.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABEL[c]}
              </option>
            ))}
          </select>
          <label className="inline">
            <input type="checkbox" checked={o.needsNote} onChange={(e) => update(i, { needsNote: e.target.checked })} /> note
          </label>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => props.onChange(props.value.filter((_, j) => j !== i))} aria-label={`Remove ${o.code || 'code'}`}>
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-quiet btn-small"
        onClick={() => props.onChange([...props.value, { code: '', label: '', category: 'other', needsNote: false }])}
      >
        Add code
      </button>
    </fieldset>
  );
}
