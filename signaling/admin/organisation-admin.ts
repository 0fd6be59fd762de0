import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditLog } from '../audit.js';
import { Failure } from '../errors.js';
import type { Data } from '../db/data.js';
import type { Organisation, OrganisationInput } from '../protocol.js';
import { createOrganisation } from '../seed/seed-api.js';

export class OrganisationAdmin {
  constructor(
    private readonly data: Data,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<Organisation[]> {
    const rows = await this.data.q().selectFrom('organisations').select(['id', 'name', 'kind']).orderBy(sql`lower(name)`).execute();
    return rows as Organisation[];
  }

  async create(actorId: string, input: OrganisationInput): Promise<Organisation> {
    return this.data.durableTransaction(async (): Promise<Organisation> => {
      const taken = await this.data
        .q()
        .selectFrom('organisations')
        .select('id')
        .where(sql<string>`lower(name)`, '=', input.name.toLowerCase())
        .executeTakeFirst();
      if (taken) {
        throw new Failure('bad_request', 'An organisation with that name exists.', [{ path: 'name', message: 'already exists' }]);
      }
      const org: Organisation = { id: `org-${randomUUID()}`, name: input.name, kind: input.kind };
      await createOrganisation(this.data, org);
      await this.audit.write('admin.organisation_create', actorId, org.id, { name: org.name, kind: org.kind });
      return org;
    });
  }
}
