import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit.js';
import { hashPassword } from '../auth/passwords.js';
import { durableTransaction, type Db } from '../db/database.js';
import { Failure } from '../errors.js';
import type { AdminUser, UserCreated, UserCreateInput, UserUpdateInput } from '../protocol.js';
import { insertUser } from '../seed/seed-api.js';
import { toPublic, type UserRow } from '../users.js';
import { oneTimePassword } from './one-time-password.js';

interface AdminUserRow extends UserRow {
  created_at: number;
  line_ids: string | null;
}

const SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.professional_group, u.organisation_id, o.name AS organisation_name,
    u.active, u.created_at, (SELECT group_concat(ls.line_id, ' ') FROM line_specialists ls WHERE ls.user_id = u.id) AS line_ids
  FROM users u JOIN organisations o ON o.id = u.organisation_id`;

/** What an update did that connected clients must hear about. */
export interface UserUpdateEffect {
  user: AdminUser;
  /** Sessions revoked by this update: end their sockets now. Empty when none were. */
  endedSessionIds: string[];
  /** Line cover changed (lost the specialist role, or moved off an organisation's internal lines): lines' specialist lists changed. */
  coverChanged: boolean;
  removedFromLines: string[];
}

export class UserAdmin {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  list(): AdminUser[] {
    return (this.db.prepare(`${SELECT} ORDER BY u.display_name COLLATE NOCASE, u.username`).all() as AdminUserRow[]).map(toAdminUser);
  }

  get(id: string): AdminUser | null {
    const row = this.db.prepare(`${SELECT} WHERE u.id = ?`).get(id) as AdminUserRow | undefined;
    return row ? toAdminUser(row) : null;
  }

  async create(actorId: string, input: UserCreateInput): Promise<UserCreated> {
    const password = input.credential.kind === 'password' ? input.credential.password : oneTimePassword();
    // Checked before the slow hash too, so a typo answers fast; re-checked inside the transaction.
    this.checkNew(input);
    const passwordHash = await hashPassword(password);
    return durableTransaction(this.db, (): UserCreated => {
      this.checkNew(input);
      const id = `u-${randomUUID()}`;
      insertUser(this.db, { id, ...input, passwordHash });
      this.audit.write('admin.user_create', actorId, id, {
        username: input.username,
        role: input.role,
        professionalGroup: input.professionalGroup,
        organisationId: input.organisationId,
        credential: input.credential.kind,
      });
      return { user: this.get(id)!, oneTimePassword: input.credential.kind === 'invite' ? password : null };
    });
  }

  update(actorId: string, id: string, patch: UserUpdateInput): UserUpdateEffect {
    return durableTransaction(this.db, (): UserUpdateEffect => {
      const before = this.get(id);
      if (!before) throw new Failure('not_found', 'No such user.');
      if (patch.organisationId !== undefined) this.checkOrganisation(patch.organisationId);
      if (id === actorId && (patch.active === false || (patch.role !== undefined && patch.role !== 'admin'))) {
        throw new Failure('bad_request', 'You cannot deactivate yourself or remove your own admin role.', [
          { path: patch.active === false ? 'active' : 'role', message: 'not allowed on your own account' },
        ]);
      }
      const sets: string[] = [];
      const args: (string | number)[] = [];
      if (patch.displayName !== undefined) (sets.push('display_name = ?'), args.push(patch.displayName));
      if (patch.role !== undefined) (sets.push('role = ?'), args.push(patch.role));
      if (patch.professionalGroup !== undefined) (sets.push('professional_group = ?'), args.push(patch.professionalGroup));
      if (patch.organisationId !== undefined) (sets.push('organisation_id = ?'), args.push(patch.organisationId));
      if (patch.active !== undefined) (sets.push('active = ?'), args.push(patch.active ? 1 : 0));
      this.db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);

      // A user who stops being a specialist no longer covers lines; one who moves to another
      // organisation no longer covers the internal lines of any other organisation.
      const removedFromLines =
        patch.role !== undefined && patch.role !== 'specialist'
          ? before.lineIds
          : patch.organisationId !== undefined && patch.organisationId !== before.organisationId
            ? (this.db
                .prepare(`SELECT ls.line_id FROM line_specialists ls JOIN lines l ON l.id = ls.line_id WHERE ls.user_id = ? AND l.internal = 1 AND l.provider_org_id <> ?`)
                .pluck()
                .all(id, patch.organisationId) as string[])
            : [];
      const coverChanged = removedFromLines.length > 0;
      const leave = this.db.prepare('DELETE FROM line_specialists WHERE user_id = ? AND line_id = ?');
      for (const lineId of removedFromLines) leave.run(id, lineId);

      // Deactivation, and any change to what the account may do or see, ends its sessions now:
      // the user signs in again and gets a session with the new role and organisation.
      const sessionsEnded =
        (patch.active === false && before.active) ||
        (patch.role !== undefined && patch.role !== before.role) ||
        (patch.organisationId !== undefined && patch.organisationId !== before.organisationId);
      const endedSessionIds = sessionsEnded
        ? (this.db.prepare('SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL').pluck().all(id) as string[])
        : [];
      if (sessionsEnded) this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(Date.now(), id);

      const after = this.get(id)!;
      this.audit.write(patch.active === false && before.active ? 'admin.user_deactivate' : 'admin.user_update', actorId, id, {
        patch,
        before: { role: before.role, professionalGroup: before.professionalGroup, organisationId: before.organisationId, active: before.active },
        sessionsEnded: endedSessionIds.length,
        removedFromLines,
      });
      return { user: after, endedSessionIds, coverChanged, removedFromLines };
    });
  }

  private checkNew(input: UserCreateInput): void {
    this.checkOrganisation(input.organisationId);
    if (this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username)) {
      throw new Failure('bad_request', 'That username is taken.', [{ path: 'username', message: 'already in use' }]);
    }
  }

  private checkOrganisation(orgId: string): void {
    if (!this.db.prepare('SELECT 1 FROM organisations WHERE id = ?').get(orgId)) {
      throw new Failure('bad_request', 'No such organisation.', [{ path: 'organisationId', message: 'no such organisation' }]);
    }
  }
}

function toAdminUser(r: AdminUserRow): AdminUser {
  return {
    ...toPublic(r),
    active: r.active === 1,
    createdAt: r.created_at,
    lineIds: r.line_ids ? r.line_ids.split(' ') : [],
  };
}
