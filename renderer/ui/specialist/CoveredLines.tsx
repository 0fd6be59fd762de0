import { useQueue } from '../../stores/queue.js';

/** The lines this specialist covers, with how many calls wait on each (the queue items on that line). */
export function CoveredLines() {
  const lines = useQueue((s) => s.lines);
  const items = useQueue((s) => s.items);
  if (lines.length === 0) return <p className="muted">You do not cover any line yet.</p>;
  return (
    <ul className="lines" aria-label="Lines you cover">
      {lines.map((l) => {
        const waiting = items.filter((i) => i.lineId === l.id).length;
        return (
          <li key={l.id} className={waiting > 0 ? 'line-busy' : ''}>
            <span className="line-name">{l.name}</span>
            <span className="line-count">{waiting} waiting</span>
            <span className="muted small-text">{l.availableSpecialists} on call</span>
          </li>
        );
      })}
    </ul>
  );
}
