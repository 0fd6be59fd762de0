import { useState, type ReactNode } from 'react';
import type { ReportTable, TableData } from '../../signaling/protocol.js';
import { downloadFile } from './api.js';
import { csvFilename, csvPath, type ReportFilterState } from './format.js';

/** A chart with its title, the table behind it (expandable, for screen readers too) and a CSV download of that table. */
export function ChartCard(props: {
  title: string;
  description?: string;
  table: ReportTable;
  filters: ReportFilterState;
  data: TableData;
  children: ReactNode;
  wide?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const download = () => {
    setError(null);
    downloadFile(csvPath(props.table, props.filters), csvFilename(props.table, props.filters)).catch((e: Error) => setError(e.message));
  };
  const titleId = `chart-${props.table}`;
  return (
    <section className={`report-card${props.wide ? ' wide' : ''}`} aria-labelledby={titleId}>
      <header className="report-card-head">
        <h3 id={titleId}>{props.title}</h3>
        <button type="button" className="btn btn-quiet btn-small" onClick={download} data-testid={`csv-${props.table}`}>
          Download CSV
        </button>
      </header>
      {props.description && <p className="muted small">{props.description}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {props.data.rows.length === 0 ? (
        <p className="muted report-empty">No calls in this range.</p>
      ) : (
        <div className="report-chart">{props.children}</div>
      )}
      {props.data.rows.length > 0 && (
        <details className="report-table">
          <summary>Show table</summary>
          <table>
            <thead>
              <tr>
                {props.data.header.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.data.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
