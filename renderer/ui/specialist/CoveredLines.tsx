import { useQueue } from '../../stores/queue.js';

/** The lines this specialist covers, with how many calls wait on each. */
export function CoveredLines() {
  const lines = useQueue((s) => s.lines);
  if (lines.length === 0) return <p className="muted">You do not cover any line yet.</p>;
  return (
    <ul className="lines" aria-label="Lines you cover">
      {lines.map((l) => (
        <li key={l.id} className={l.waiting > 0 ? 'line-busy' : ''}>
          <span className="line-name">{l.name}</span>
          <span className="line-count">{l.waiting} waiting</span>
          <span className="muted small-text">{l.availableSpecialists} on call</span>
        </li>
      ))}
    </ul>
  );
}
