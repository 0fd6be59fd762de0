import { useEffect, useState } from 'react';
import type { DirectoryEntry } from '../../../signaling/protocol.js';
import { formatExpectedWait } from '../../logic/queue.js';
import { filterDirectory, useDirectory } from '../../stores/directory.js';

export const DIRECTORY_REFRESH_MS = 15_000;

/** The lines this caller may call, searchable, with cover and availability now. */
export function Directory({ onChoose }: { onChoose(entry: DirectoryEntry): void }) {
  const { entries, loaded, error, load } = useDirectory();
  const [query, setQuery] = useState('');
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), DIRECTORY_REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);
  const shown = filterDirectory(entries, query);

  return (
    <section className="directory" aria-labelledby="dir-title">
      <h2 id="dir-title">Who do you need?</h2>
      <label className="field search">
        <span>Search by specialty or provider</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. cardiology, haematology, St Elsewhere" />
      </label>
      {error && <p className="error">{error}</p>}
      {!loaded && !error && <p className="muted">Loading lines…</p>}
      {loaded && shown.length === 0 && <p className="empty">No line matches “{query}”.</p>}
      <ul className="dir-list">
        {shown.map((e) => {
          return (
            <li key={e.id} className={`dir-card ${e.inHours ? '' : 'dir-closed'}`} data-testid="directory-entry">
              <div className="dir-main">
                <h3>{e.name}</h3>
                <p className="muted">
                  {e.specialty !== e.name && `${e.specialty} · `}
                  {e.providerOrgName}
                  {e.internal && <span className="tag">Internal</span>}
                </p>
              </div>
              <dl className="dir-facts">
                <div>
                  <dt>Cover</dt>
                  <dd className={e.inHours ? 'ok' : 'warn'}>{e.inHours ? 'In hours now' : 'Out of hours'}</dd>
                </div>
                <div>
                  <dt>Available</dt>
                  <dd className={e.availableSpecialists > 0 ? 'ok' : 'warn'} data-testid="available-count">
                    {e.availableSpecialists} {e.availableSpecialists === 1 ? 'specialist' : 'specialists'}
                  </dd>
                </div>
                <div>
                  <dt>Expected wait</dt>
                  <dd>{formatExpectedWait(e.expectedWaitSec)}</dd>
                </div>
              </dl>
              {/* The name starts with the visible text (WCAG 2.5.3, so voice control finds it), then says which line. */}
              <button type="button" className="btn btn-primary" onClick={() => onChoose(e)}>
                Ask a question<span className="sr-only"> to {e.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
