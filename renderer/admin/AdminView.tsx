import { useCallback, useEffect, useState } from 'react';
import type { AdminUser, Line, Organisation } from '../../signaling/protocol.js';
import { apiJson } from '../reports/api.js';
import { useSession } from '../stores/session.js';
import { LinesPanel } from './LinesPanel.js';
import { OrganisationsPanel } from './OrganisationsPanel.js';
import { UsersPanel } from './UsersPanel.js';
import './admin.css';

type Tab = 'lines' | 'users' | 'organisations';
const TABS: { id: Tab; label: string }[] = [
  { id: 'lines', label: 'Lines' },
  { id: 'users', label: 'Users' },
  { id: 'organisations', label: 'Organisations' },
];

/** Admin: lines, users and organisations. Every save is validated and audited by the server and reaches connected users at once. */
export function AdminView() {
  const [tab, setTab] = useState<Tab>('lines');
  const [lines, setLines] = useState<Line[]>([]);
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const selfId = useSession((s) => s.user?.id);

  const reload = useCallback(() => {
    Promise.all([
      apiJson<Line[]>('GET', '/api/admin/lines'),
      apiJson<AdminUser[]>('GET', '/api/admin/users'),
      apiJson<Organisation[]>('GET', '/api/admin/organisations'),
    ])
      .then(([l, u, o]) => (setLines(l), setUsers(u), setOrgs(o), setError(null)))
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(reload, [reload]);

  return (
    <main className="admin" data-testid="admin-view">
      <h2>Administration</h2>
      <div role="tablist" aria-label="Administration sections" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className={`tab${tab === t.id ? ' active' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'lines' && <LinesPanel lines={lines} organisations={orgs} users={users} onChanged={reload} />}
        {tab === 'users' && <UsersPanel users={users} organisations={orgs} selfId={selfId} onChanged={reload} />}
        {tab === 'organisations' && <OrganisationsPanel organisations={orgs} onChanged={reload} />}
      </div>
    </main>
  );
}
