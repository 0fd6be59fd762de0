import type { Db } from './db/database.js';
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

const SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.professional_group, u.organisation_id,
  o.name AS organisation_name, u.active FROM users u JOIN organisations o ON o.id = u.organisation_id`;

/** Users by id, read from the database on every lookup. */
export class Users {
  private readonly byId;
  private readonly creds;

  constructor(db: Db) {
    this.byId = db.prepare(`${SELECT} WHERE u.id = ?`);
    this.creds = db.prepare('SELECT id, password_hash AS passwordHash, active FROM users WHERE username = ?');
  }

  publicById(id: string): UserPublic | null {
    const row = this.byId.get(id) as UserRow | undefined;
    return row ? toPublic(row) : null;
  }

  party(id: string): PartyInfo {
    const row = this.byId.get(id) as UserRow | undefined;
    if (!row) return { userId: id, displayName: 'Unknown user', professionalGroup: 'other', organisationName: '' };
    return { userId: row.id, displayName: row.display_name, professionalGroup: row.professional_group, organisationName: row.organisation_name };
  }

  credentialsByUsername(username: string): { id: string; passwordHash: string; active: boolean } | null {
    const row = this.creds.get(username) as { id: string; passwordHash: string; active: number } | undefined;
    return row ? { id: row.id, passwordHash: row.passwordHash, active: row.active === 1 } : null;
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
