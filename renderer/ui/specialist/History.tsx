import { useEffect } from 'react';
import type { CallHistoryItem } from '../../../signaling/protocol.js';
import { formatDuration } from '../../logic/queue.js';
import { useHistory } from '../../stores/history.js';
import { useQueue } from '../../stores/queue.js';

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const length = (c: CallHistoryItem) => (c.answeredAt && c.endedAt ? formatDuration((c.endedAt - c.answeredAt) / 1000) : '—');

/** The user's own calls with their outcomes, filtered by date and line. */
export function History() {
  const { items, filter, loading, error, setFilter, load } = useHistory();
  const lines = useQueue((s) => s.lines);
  useEffect(() => {
    void load();
  }, [filter, load]);

  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title">My calls</h2>
      <div className="filters">
        <label className="field field-inline">
          <span>From</span>
          <input type="date" value={filter.from} onChange={(e) => setFilter({ from: e.target.value })} />
        </label>
        <label className="field field-inline">
          <span>To</span>
          <input type="date" value={filter.to} onChange={(e) => setFilter({ to: e.target.value })} />
        </label>
        {lines.length > 0 && (
          <label className="field field-inline">
            <span>Line</span>
            <select value={filter.lineId} onChange={(e) => setFilter({ lineId: e.target.value })}>
              <option value="">All lines</option>
              {lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {error && <p className="error">{error}</p>}
      {loading && items.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="empty">No calls in this period.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Line</th>
              <th scope="col">With</th>
              <th scope="col">Length</th>
              <th scope="col">State</th>
              <th scope="col">Advice outcome</th>
              <th scope="col">Patient outcome</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td>{when(c.createdAt)}</td>
                <td>{c.lineName}</td>
                <td>{c.counterpart?.displayName ?? '—'}</td>
                <td>{length(c)}</td>
                <td>{c.state.replace('_', ' ')}</td>
                <td>{c.adviceOutcome ? `${c.adviceOutcome.label}${c.adviceOutcome.topic ? ` (${c.adviceOutcome.topic})` : ''}` : '—'}</td>
                <td>{c.patientOutcome?.label ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
