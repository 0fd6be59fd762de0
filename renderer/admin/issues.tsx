import type { ProtocolError } from '../../signaling/protocol.js';

export type Issues = NonNullable<ProtocolError['issues']>;

/** Issues whose path is `path` or below it (e.g. "topics" matches "topics.2"). */
export function issuesAt(issues: Issues, path: string): string[] {
  return issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`)).map((i) => i.message);
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
