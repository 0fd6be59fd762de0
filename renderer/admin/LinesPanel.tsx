import { useState } from 'react';
import type { AdminUser, Line, Organisation } from '../../signaling/protocol.js';
import { AdminPanel, AdminTable } from './AdminPanel.js';
import { LineForm } from './LineForm.js';

const hoursText = (l: Line) =>
  l.hours.kind === 'always'
    ? '24/7'
    : `${l.hours.days.map((d) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d]).join(' ')} ${l.hours.start}–${l.hours.end}`;

/** Lines table with create and edit. */
export function LinesPanel(props: { lines: Line[]; organisations: Organisation[]; users: AdminUser[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<Line | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const names = new Map(props.users.map((u) => [u.id, u.displayName]));
  if (editing) {
    return (
      <LineForm
        line={editing === 'new' ? null : editing}
        organisations={props.organisations}
        users={props.users}
        onCancel={() => setEditing(null)}
        onSaved={(l) => {
          setEditing(null);
          setSaved(`Saved “${l.name}”. Connected users see the change now.`);
          props.onChanged();
        }}
      />
    );
  }
  return (
    <AdminPanel id="lines-title" title="Lines" newLabel="New line" onNew={() => (setSaved(null), setEditing('new'))}>
      {saved && (
        <p className="admin-notice" role="status">
          {saved}
        </p>
      )}
      <AdminTable columns={['Line', 'Specialty', 'Provider', 'Hours', 'Routing', 'Timers (ring / max wait / target)', 'Specialists']} actions>
        {props.lines.map((l) => (
          <tr key={l.id} className={l.active ? '' : 'inactive'} data-testid={`line-row-${l.id}`}>
            <td>
              {l.name}
              {l.internal && <span className="tag">internal</span>}
              {!l.active && <span className="tag">inactive</span>}
            </td>
            <td>{l.specialty}</td>
            <td>{l.providerOrgName}</td>
            <td>{hoursText(l)}</td>
            <td>{l.routing.replace('_', ' ')}</td>
            <td>
              {l.ringTimeoutSec} s / {l.maxWaitSec} s / {l.answerTargetSec} s
            </td>
            <td>{l.specialistIds.map((id) => names.get(id) ?? id).join(', ') || '—'}</td>
            <td>
              <button type="button" className="btn btn-quiet btn-small" onClick={() => (setSaved(null), setEditing(l))} aria-label={`Edit ${l.name}`}>
                Edit
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
    </AdminPanel>
  );
}
