import { useState, type FormEvent } from 'react';
import { OrganisationKind, type Organisation } from '../../signaling/protocol.js';
import { ApiError, apiJson } from '../reports/api.js';
import { ErrorSummary, type Issues } from './issues.js';

const KIND_LABEL: Record<Organisation['kind'], string> = {
  acute_trust: 'Acute trust',
  mental_health_trust: 'Mental health trust',
  community_trust: 'Community trust',
  gp_practice: 'GP practice',
  other: 'Other',
};

export function OrganisationsPanel(props: { organisations: Organisation[]; onChanged: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Organisation['kind']>('gp_practice');
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issues>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    apiJson<Organisation>('POST', '/api/admin/organisations', { name, kind })
      .then(() => (setName(''), props.onChanged()))
      .catch((err: Error) => (setError(err.message), setIssues(err instanceof ApiError ? err.issues : [])));
  };
  return (
    <section aria-labelledby="orgs-title">
      <h3 id="orgs-title">Organisations</h3>
      <table className="table admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
          </tr>
        </thead>
        <tbody>
          {props.organisations.map((o) => (
            <tr key={o.id}>
              <td>{o.name}</td>
              <td>{KIND_LABEL[o.kind]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin-form admin-inline-form" onSubmit={submit} aria-label="New organisation" noValidate>
        <ErrorSummary message={error} issues={issues} labels={{ name: 'Name', kind: 'Kind' }} />
        <label className="field">
          <span>New organisation</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as Organisation['kind'])}>
            {OrganisationKind.options.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary">
          Add organisation
        </button>
      </form>
    </section>
  );
}
