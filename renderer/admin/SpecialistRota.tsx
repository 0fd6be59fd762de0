import type { AdminUser } from '../../signaling/protocol.js';

/** A line's specialists in rota order (the order rota-order routing tries them). */
export function SpecialistRota(props: { value: string[]; users: AdminUser[]; onChange: (ids: string[]) => void; invalid: boolean }) {
  const byId = new Map(props.users.map((u) => [u.id, u]));
  const candidates = props.users.filter((u) => u.role === 'specialist' && u.active && !props.value.includes(u.id));
  const move = (i: number, d: -1 | 1) => {
    const next = [...props.value];
    const [id] = next.splice(i, 1);
    next.splice(i + d, 0, id!);
    props.onChange(next);
  };
  return (
    <fieldset className="admin-rota" aria-invalid={props.invalid}>
      <legend>Specialists (rota order)</legend>
      <ol>
        {props.value.map((id, i) => (
          <li key={id}>
            <span>{byId.get(id)?.displayName ?? id}</span>
            <button type="button" className="btn btn-quiet btn-small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${byId.get(id)?.displayName ?? id} up`}>
              ↑
            </button>
            <button
              type="button"
              className="btn btn-quiet btn-small"
              disabled={i === props.value.length - 1}
              onClick={() => move(i, 1)}
              aria-label={`Move ${byId.get(id)?.displayName ?? id} down`}
            >
              ↓
            </button>
            <button type="button" className="btn btn-quiet btn-small" onClick={() => props.onChange(props.value.filter((x) => x !== id))}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      {candidates.length > 0 && (
        <label className="field inline">
          <span>Add specialist</span>
          <select value="" onChange={(e) => e.target.value && props.onChange([...props.value, e.target.value])}>
            <option value="">Choose…</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} · {u.organisationName}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
