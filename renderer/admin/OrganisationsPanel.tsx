import { useState, type FormEvent } from 'react';
import { OrganisationKind, type Organisation } from '../../signaling/protocol.js';
import { apiJson } from '../reports/api.js';
import { LabelledOptions } from '../ui/common/Options.js';
import { AdminPanel, AdminTable } from './AdminPanel.js';
import { ErrorSummary, useAdminSave } from './issues.js';

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
  const { error, issues, save } = useAdminSave();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save(apiJson<Organisation>('POST', '/api/admin/organisations', { name, kind }), () => (setName(''), props.onChanged()));
  };
  return (
    <AdminPanel id="orgs-title" title="Organisations">
      <AdminTable columns={['Name', 'Kind']}>
        {props.organisations.map((o) => (
          <tr key={o.id}>
            <td>{o.name}</td>
            <td>{KIND_LABEL[o.kind]}</td>
          </tr>
        ))}
      </AdminTable>
      <form className="admin-form admin-inline-form" onSubmit={submit} aria-label="New organisation" noValidate>
        <ErrorSummary message={error} issues={issues} labels={{ name: 'Name', kind: 'Kind' }} />
        <label className="field">
          <span>New organisation</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as Organisation['kind'])}>
            <LabelledOptions codes={OrganisationKind.options} labels={KIND_LABEL} />
          </select>
        </label>
        <button type="submit" className="btn btn-primary">
          Add organisation
        </button>
      </form>
    </AdminPanel>
  );
}
