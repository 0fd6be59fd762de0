import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit.js';
import { Failure } from '../errors.js';
import { durableTransaction, type Db } from '../db/database.js';
import type { Organisation, OrganisationInput } from '../protocol.js';
import { createOrganisation } from '../seed/seed-api.js';

export class OrganisationAdmin {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  list(): Organisation[] {
    return this.db.prepare('SELECT id, name, kind FROM organisations ORDER BY name COLLATE NOCASE').all() as Organisation[];
  }

  create(actorId: string, input: OrganisationInput): Organisation {
    return durableTransaction(this.db, (): Organisation => {
      if (this.db.prepare('SELECT 1 FROM organisations WHERE name = ? COLLATE NOCASE').get(input.name)) {
        throw new Failure('bad_request', 'An organisation with that name exists.', [{ path: 'name', message: 'already exists' }]);
      }
      const org: Organisation = { id: `org-${randomUUID()}`, name: input.name, kind: input.kind };
      createOrganisation(this.db, org);
      this.audit.write('admin.organisation_create', actorId, org.id, { name: org.name, kind: org.kind });
      return org;
    });
  }
}
