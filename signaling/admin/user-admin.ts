import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditLog } from '../audit.js';
import { hashPassword } from '../auth/passwords.js';
import type { Data } from '../db/data.js';
import { Failure } from '../errors.js';
import type { AdminUser, UserCreated, UserCreateInput, UserUpdateInput } from '../protocol.js';
import type { Schema } from '../db/schema.js';
import { insertUser } from '../seed/seed-api.js';
import { toPublic, type UserRow } from '../users.js';
import { oneTimePassword } from './one-time-password.js';

interface AdminUserRow extends UserRow {
  created_at: number;
}

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
    private readonly data: Data,
    private readonly audit: AuditLog,
  ) {}

  private selectUsers() {
    return this.data
      .q()
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.professional_group', 'u.organisation_id', 'o.name as organisation_name', 'u.active', 'u.created_at']);
  }

  /** The lines each user covers, by user id (read beside the users: no string aggregate common to both stores is needed). */
  private async lineIdsOf(userIds?: string[]): Promise<Map<string, string[]>> {
    let q = this.data.q().selectFrom('line_specialists').select(['user_id', 'line_id']).orderBy('line_id');
    if (userIds) q = q.where('user_id', 'in', userIds);
    const byUser = new Map<string, string[]>();
    for (const r of await q.execute()) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.line_id]);
    return byUser;
  }

  async list(): Promise<AdminUser[]> {
    const rows = (await this.selectUsers().orderBy(sql`lower(u.display_name)`).orderBy('u.username').execute()) as AdminUserRow[];
    const lineIds = await this.lineIdsOf();
    return rows.map((r) => toAdminUser(r, lineIds.get(r.id) ?? []));
  }

  async get(id: string): Promise<AdminUser | null> {
    const row = (await this.selectUsers().where('u.id', '=', id).executeTakeFirst()) as AdminUserRow | undefined;
    return row ? toAdminUser(row, (await this.lineIdsOf([id])).get(id) ?? []) : null;
  }

  async create(actorId: string, input: UserCreateInput): Promise<UserCreated> {
    const password = input.credential.kind === 'password' ? input.credential.password : oneTimePassword();
    // Checked before the slow hash too, so a typo answers fast; re-checked inside the transaction.
    await this.checkNew(input);
    const passwordHash = await hashPassword(password);
    return this.data.durableTransaction(async (): Promise<UserCreated> => {
      await this.checkNew(input);
      const id = `u-${randomUUID()}`;
      await insertUser(this.data, { id, ...input, passwordHash });
      await this.audit.write('admin.user_create', actorId, id, {
        username: input.username,
        role: input.role,
        professionalGroup: input.professionalGroup,
        organisationId: input.organisationId,
        credential: input.credential.kind,
      });
      return { user: (await this.get(id))!, oneTimePassword: input.credential.kind === 'invite' ? password : null };
    });
  }

  async update(actorId: string, id: string, patch: UserUpdateInput): Promise<UserUpdateEffect> {
    return this.data.durableTransaction(async (): Promise<UserUpdateEffect> => {
      const q = () => this.data.q();
      const before = await this.get(id);
      if (!before) throw new Failure('not_found', 'No such user.');
      if (patch.organisationId !== undefined) await this.checkOrganisation(patch.organisationId);
      if (id === actorId && (patch.active === false || (patch.role !== undefined && patch.role !== 'admin'))) {
        throw new Failure('bad_request', 'You cannot deactivate yourself or remove your own admin role.', [
          { path: patch.active === false ? 'active' : 'role', message: 'not allowed on your own account' },
        ]);
      }
      const set: Partial<Pick<Schema['users'], 'display_name' | 'role' | 'professional_group' | 'organisation_id'>> & { active?: number } = {};
      if (patch.displayName !== undefined) set.display_name = patch.displayName;
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.professionalGroup !== undefined) set.professional_group = patch.professionalGroup;
      if (patch.organisationId !== undefined) set.organisation_id = patch.organisationId;
      if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
      await q().updateTable('users').set(set).where('id', '=', id).execute();

      // A user who stops being a specialist no longer covers lines; one who moves to another
      // organisation no longer covers the internal lines of any other organisation.
      const removedFromLines =
        patch.role !== undefined && patch.role !== 'specialist'
          ? before.lineIds
          : patch.organisationId !== undefined && patch.organisationId !== before.organisationId
            ? (
                await q()
                  .selectFrom('line_specialists as ls')
                  .innerJoin('lines as l', 'l.id', 'ls.line_id')
                  .select('ls.line_id')
                  .where('ls.user_id', '=', id)
                  .where('l.internal', '=', 1)
                  .where('l.provider_org_id', '<>', patch.organisationId)
                  .execute()
              ).map((r) => r.line_id)
            : [];
      const coverChanged = removedFromLines.length > 0;
      for (const lineId of removedFromLines) {
        await q().deleteFrom('line_specialists').where('user_id', '=', id).where('line_id', '=', lineId).execute();
      }

      // Deactivation, and any change to what the account may do or see, ends its sessions now:
      // the user signs in again and gets a session with the new role and organisation.
      const sessionsEnded =
        (patch.active === false && before.active) ||
        (patch.role !== undefined && patch.role !== before.role) ||
        (patch.organisationId !== undefined && patch.organisationId !== before.organisationId);
      const endedSessionIds = sessionsEnded
        ? (await q().selectFrom('sessions').select('id').where('user_id', '=', id).where('revoked_at', 'is', null).execute()).map((r) => r.id)
        : [];
      if (sessionsEnded) {
        await q().updateTable('sessions').set({ revoked_at: Date.now() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      }

      const after = (await this.get(id))!;
      await this.audit.write(patch.active === false && before.active ? 'admin.user_deactivate' : 'admin.user_update', actorId, id, {
        patch,
        before: { role: before.role, professionalGroup: before.professionalGroup, organisationId: before.organisationId, active: before.active },
        sessionsEnded: endedSessionIds.length,
        removedFromLines,
      });
      return { user: after, endedSessionIds, coverChanged, removedFromLines };
    });
  }

  /** Usernames are case-insensitive on both stores. */
  private async checkNew(input: UserCreateInput): Promise<void> {
    await this.checkOrganisation(input.organisationId);
    const taken = await this.data
      .q()
      .selectFrom('users')
      .select('id')
      .where(sql<string>`lower(username)`, '=', input.username.toLowerCase())
      .executeTakeFirst();
    if (taken) {
      throw new Failure('bad_request', 'That username is taken.', [{ path: 'username', message: 'already in use' }]);
    }
  }

  private async checkOrganisation(orgId: string): Promise<void> {
    if (!(await this.data.q().selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst())) {
      throw new Failure('bad_request', 'No such organisation.', [{ path: 'organisationId', message: 'no such organisation' }]);
    }
  }
}

function toAdminUser(r: AdminUserRow, lineIds: string[]): AdminUser {
  return {
    ...toPublic(r),
    active: r.active === 1,
    createdAt: r.created_at,
    lineIds,
  };
}
