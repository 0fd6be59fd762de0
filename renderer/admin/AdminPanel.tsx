import type { ReactNode } from 'react';

/** An admin section: its titled head (with a "New …" button when the panel can create) and its content. */
export function AdminPanel(props: { id: string; title: string; newLabel?: string; onNew?: () => void; children: ReactNode }) {
  const title = <h3 id={props.id}>{props.title}</h3>;
  return (
    <section aria-labelledby={props.id}>
      {props.onNew ? (
        <div className="admin-head">
          {title}
          <button type="button" className="btn btn-primary" onClick={props.onNew}>
            {props.newLabel}
          </button>
        </div>
      ) : (
        title
      )}
      {props.children}
    </section>
  );
}

/** An admin list: one header cell per column, plus an unlabelled-to-sight "Actions" column when rows have buttons. */
export function AdminTable(props: { columns: string[]; actions?: boolean; children: ReactNode }) {
  return (
    <table className="table admin-table">
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          {props.actions && (
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

/** An admin form's submit (showing "Saving…" and disabled while the request is in flight) and Cancel buttons. */
export function SaveOrCancel(props: { saving: boolean; label: string; testId: string; onCancel: () => void }) {
  return (
    <div className="admin-actions">
      <button type="submit" className="btn btn-primary" disabled={props.saving} data-testid={props.testId}>
        {props.saving ? 'Saving…' : props.label}
      </button>
      <button type="button" className="btn btn-quiet" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
