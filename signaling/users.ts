import type { Db } from './db/database.js';
import { VersionedCache } from './db/versioned-cache.js';
import { deepFreeze } from './deep-freeze.js';
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

/** What the server shows of a user, built once per change to them (shared and frozen). */
interface Known {
  public: UserPublic;
  party: PartyInfo;
}

/**
 * Users by id, kept in memory while identity_version (migration 006) has not moved: every call
 * event shows its parties' names, and reading them from SQLite each time was a query per view.
 */
export class Users {
  private readonly byId;
  private readonly creds;
  private readonly known;

  constructor(db: Db) {
    this.byId = db.prepare(`${SELECT} WHERE u.id = ?`);
    this.creds = db.prepare('SELECT id, password_hash AS passwordHash, active FROM users WHERE username = ?');
    this.known = new VersionedCache<Known>(db, 'identity_version');
  }

  publicById(id: string): UserPublic | null {
    return this.lookup(id)?.public ?? null;
  }

  party(id: string): PartyInfo {
    return this.lookup(id)?.party ?? { userId: id, displayName: 'Unknown user', professionalGroup: 'other', organisationName: '' };
  }

  private lookup(id: string): Known | undefined {
    return this.known.get(id, () => {
      const row = this.byId.get(id) as UserRow | undefined;
      if (!row) return undefined;
      const party: PartyInfo = { userId: row.id, displayName: row.display_name, professionalGroup: row.professional_group, organisationName: row.organisation_name };
      return deepFreeze({ public: toPublic(row), party });
    });
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
