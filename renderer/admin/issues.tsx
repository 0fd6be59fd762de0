import { useState } from 'react';
import type { ProtocolError } from '../../signaling/protocol.js';
import { ApiError } from '../reports/api.js';

export type Issues = NonNullable<ProtocolError['issues']>;

/** Issues whose path is `path` or below it (e.g. "topics" matches "topics.2"). */
export function issuesAt(issues: Issues, path: string): string[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => i.message);
}

/**
 * Sends an admin change and keeps what the server said if it refused: the message for the summary,
 * its issues for the fields, and whether a request is in flight.
 */
export function useAdminSave() {
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issues>([]);
  const [saving, setSaving] = useState(false);
  const save = <T,>(request: Promise<T>, onSaved: (saved: T) => void) => {
    setSaving(true);
    setError(null);
    request
      .then(onSaved)
      .catch((err: Error) => {
        setError(err.message);
        setIssues(err instanceof ApiError ? err.issues : []);
      })
      .finally(() => setSaving(false));
  };
  return { error, issues, saving, save };
}

/** A form's field marking: a field's messages, and the aria attributes linking it to them (ids are `${idPrefix}${path}`). */
export function fieldMarks(issues: Issues, idPrefix: string) {
  const bad = (path: string) => issuesAt(issues, path);
  const aria = (path: string) => (bad(path).length ? { 'aria-invalid': true, 'aria-describedby': `${idPrefix}${path}` } : {});
  return { bad, aria };
}

/** The server's refusal, listed so nothing is hidden; fields with problems are also marked where they are. */
export function ErrorSummary({ message, issues, labels }: { message: string | null; issues: Issues; labels: Record<string, string> }) {
  if (!message) return null;
  return (
    <div className="error admin-errors" role="alert" data-testid="admin-errors">
      <strong>{message}</strong>
      {issues.length > 0 && (
        <ul>
          {issues.map((i, n) => (
            <li key={n}>
              {labels[i.path.split('.')[0] ?? ''] ?? i.path}
              {i.path.includes('.') ? ` (${i.path})` : ''}: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A field's own messages, linked with aria-describedby. */
export function FieldIssues({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <span className="field-error" id={id}>
      {messages.join('; ')}
    </span>
  );
}
