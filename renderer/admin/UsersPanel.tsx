import { useState } from 'react';
import type { AdminUser, Organisation } from '../../signaling/protocol.js';
import { PROFESSIONAL_GROUP } from '../logic/labels.js';
import { apiJson } from '../reports/api.js';
import { AdminPanel, AdminTable } from './AdminPanel.js';
import { UserForm } from './UserForm.js';

/** Users table: create, invite, edit, deactivate / reactivate. */
export function UsersPanel(props: { users: AdminUser[]; organisations: Organisation[]; selfId: string | undefined; onChanged: () => void }) {
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const setActive = (u: AdminUser, active: boolean) => {
    if (!active && !window.confirm(`Deactivate ${u.displayName}? They are signed out at once and cannot sign in.`)) return;
    setError(null);
    apiJson<AdminUser>('PATCH', `/api/admin/users/${u.id}`, { active })
      .then(props.onChanged)
      .catch((e: Error) => setError(e.message));
  };

  if (editing) {
    return (
      <UserForm
        user={editing === 'new' ? null : editing}
        organisations={props.organisations}
        onCancel={() => setEditing(null)}
        onSaved={(u, password) => {
          setEditing(null);
          setOneTime(password ? { username: u.username, password } : null);
          props.onChanged();
        }}
      />
    );
  }
  return (
    <AdminPanel id="users-title" title="Users" newLabel="New user" onNew={() => (setOneTime(null), setEditing('new'))}>
      {oneTime && (
        <div className="admin-notice" role="status" data-testid="one-time-password">
          One-time password for <strong>{oneTime.username}</strong>: <code>{oneTime.password}</code> — pass it on securely; it is not shown again.
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <AdminTable columns={['Name', 'Username', 'Role', 'Professional group', 'Organisation', 'Status']} actions>
        {props.users.map((u) => (
          <tr key={u.id} className={u.active ? '' : 'inactive'} data-testid={`user-row-${u.username}`}>
            <td>{u.displayName}</td>
            <td>{u.username}</td>
            <td>{u.role}</td>
            <td>{PROFESSIONAL_GROUP[u.professionalGroup]}</td>
            <td>{u.organisationName}</td>
            <td>{u.active ? 'Active' : 'Deactivated'}</td>
            <td className="admin-row-actions">
              <button type="button" className="btn btn-quiet btn-small" onClick={() => setEditing(u)}>
                Edit
              </button>
              {u.id !== props.selfId && (
                <button type="button" className="btn btn-quiet btn-small" onClick={() => setActive(u, !u.active)}>
                  {u.active ? 'Deactivate' : 'Reactivate'}
                </button>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
    </AdminPanel>
  );
}
