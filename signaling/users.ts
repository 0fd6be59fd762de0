import { sql } from 'kysely';
import type { Data } from './db/data.js';
import type { PartyInfo, ProfessionalGroup, Role, UserPublic } from './protocol.js';

/** A user joined with their organisation's name, as the users queries select it. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  professional_group: ProfessionalGroup;
  organisation_id: string;
  organisation_name: string;
  active: number;
}

/** Users by id, read from the database on every lookup. */
export class Users {
  constructor(private readonly data: Data) {}

  private async byId(id: string): Promise<UserRow | undefined> {
    const row = await this.data
      .q()
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.professional_group', 'u.organisation_id', 'o.name as organisation_name', 'u.active'])
      .where('u.id', '=', id)
      .executeTakeFirst();
    return row as UserRow | undefined;
  }

  async publicById(id: string): Promise<UserPublic | null> {
    const row = await this.byId(id);
    return row ? toPublic(row) : null;
  }

  async party(id: string): Promise<PartyInfo> {
    const row = await this.byId(id);
    if (!row) return { userId: id, displayName: 'Unknown user', professionalGroup: 'other', organisationName: '' };
    return { userId: row.id, displayName: row.display_name, professionalGroup: row.professional_group, organisationName: row.organisation_name };
  }

  /** Usernames are case-insensitive (SQLite's column is NOCASE; PostgreSQL has a unique index on lower(username)). */
  async credentialsByUsername(username: string): Promise<{ id: string; passwordHash: string; active: boolean } | null> {
    const row = await this.data
      .q()
      .selectFrom('users')
      .select(['id', 'password_hash', 'active'])
      .where(sql<string>`lower(username)`, '=', username.toLowerCase())
      .executeTakeFirst();
    return row ? { id: row.id, passwordHash: row.password_hash, active: row.active === 1 } : null;
  }
}

export function toPublic(row: UserRow): UserPublic {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    professionalGroup: row.professional_group,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
  };
}
