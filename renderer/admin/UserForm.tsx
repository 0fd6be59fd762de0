import { useState, type FormEvent } from 'react';
import {
  PASSWORD_MIN,
  ProfessionalGroup,
  Role,
  type AdminUser,
  type Organisation,
  type UserCreated,
  type UserCreateInput,
  type UserUpdateInput,
} from '../../signaling/protocol.js';
import { PROFESSIONAL_GROUP } from '../logic/labels.js';
import { apiJson } from '../reports/api.js';
import { LabelledOptions, NamedOptions } from '../ui/common/Options.js';
import { SaveOrCancel } from './AdminPanel.js';
import { ErrorSummary, FieldIssues, fieldMarks, useAdminSave } from './issues.js';

const LABELS: Record<string, string> = {
  username: 'Username', displayName: 'Name', role: 'Role', professionalGroup: 'Professional group', organisationId: 'Organisation',
  credential: 'Password', active: 'Active',
};
const ROLE_LABEL: Record<Role, string> = { specialist: 'Specialist', caller: 'Caller', admin: 'Administrator' };

/** Create (with a password, or an invite with a one-time password shown once) or edit a user. */
export function UserForm(props: {
  user: AdminUser | null;
  organisations: Organisation[];
  onSaved: (u: AdminUser, oneTimePassword: string | null) => void;
  onCancel: () => void;
}) {
  const u = props.user;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(u?.displayName ?? '');
  const [role, setRole] = useState<Role>(u?.role ?? 'caller');
  const [group, setGroup] = useState<ProfessionalGroup>(u?.professionalGroup ?? 'gp');
  const [orgId, setOrgId] = useState(u?.organisationId ?? props.organisations[0]?.id ?? '');
  const [invite, setInvite] = useState(true);
  const [password, setPassword] = useState('');
  const { error, issues, saving, save } = useAdminSave();
  const { bad, aria } = fieldMarks(issues, 'uerr-');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    let req: Promise<{ user: AdminUser; oneTimePassword: string | null }>;
    if (u) {
      const patch: UserUpdateInput = { displayName, role, professionalGroup: group, organisationId: orgId };
      req = apiJson<AdminUser>('PATCH', `/api/admin/users/${u.id}`, patch).then((user) => ({ user, oneTimePassword: null }));
    } else {
      const body: UserCreateInput = {
        username, displayName, role, professionalGroup: group, organisationId: orgId,
        credential: invite ? { kind: 'invite' } : { kind: 'password', password },
      };
      req = apiJson<UserCreated>('POST', '/api/admin/users', body);
    }
    save(req, (r) => props.onSaved(r.user, r.oneTimePassword));
  };

  return (
    <form className="admin-form" onSubmit={submit} aria-label={u ? `Edit user ${u.displayName}` : 'New user'} noValidate>
      <h3>{u ? `Edit user: ${u.username}` : 'New user'}</h3>
      <ErrorSummary message={error} issues={issues} labels={LABELS} />
      {u && (role !== u.role || orgId !== u.organisationId) && (
        <p className="muted">Changing the role or organisation signs the user out everywhere; they sign in again with the new access.</p>
      )}
      <div className="admin-form-grid">
        {!u && (
          <label className="field">
            <span>Username</span>
            <input value={username} autoComplete="off" onChange={(e) => setUsername(e.target.value)} {...aria('username')} data-testid="user-username" />
            <FieldIssues id="uerr-username" messages={bad('username')} />
          </label>
        )}
        <label className="field">
          <span>Name as shown to others</span>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} {...aria('displayName')} data-testid="user-display-name" />
          <FieldIssues id="uerr-displayName" messages={bad('displayName')} />
        </label>
        <label className="field">
          <span>Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <LabelledOptions codes={Role.options} labels={ROLE_LABEL} />
          </select>
        </label>
        <label className="field">
          <span>Professional group</span>
          <select value={group} onChange={(e) => setGroup(e.target.value as ProfessionalGroup)}>
            <LabelledOptions codes={ProfessionalGroup.options} labels={PROFESSIONAL_GROUP} />
          </select>
        </label>
        <label className="field">
          <span>Organisation</span>
          <select value={orgId} onChange={(e) => setOrgId(e.target.value)} {...aria('organisationId')}>
            <NamedOptions items={props.organisations} />
          </select>
          <FieldIssues id="uerr-organisationId" messages={bad('organisationId')} />
        </label>
      </div>
      {!u && (
        <fieldset className="admin-credential">
          <legend>First sign-in</legend>
          <label className="inline">
            <input type="radio" name="cred" checked={invite} onChange={() => setInvite(true)} /> Invite: make a one-time password to pass on
          </label>
          <label className="inline">
            <input type="radio" name="cred" checked={!invite} onChange={() => setInvite(false)} /> Set a password now
          </label>
          {!invite && (
            <label className="field">
              <span>Password (at least {PASSWORD_MIN} characters)</span>
              <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} {...aria('credential')} />
              <FieldIssues id="uerr-credential" messages={bad('credential')} />
            </label>
          )}
        </fieldset>
      )}
      <SaveOrCancel saving={saving} label={u ? 'Save user' : 'Create user'} testId="user-save" onCancel={props.onCancel} />
    </form>
  );
}
