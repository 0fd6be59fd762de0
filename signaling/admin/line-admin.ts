import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit.js';
import type { Data } from '../db/data.js';
import { lineColumns, type Lines } from '../directory/lines.js';
import { Failure } from '../errors.js';
import type { Line, LineConfig } from '../protocol.js';
import { addLineSpecialist, createLine } from '../seed/seed-api.js';
import { checkLineConfig } from './line-checks.js';

/** Admin writes to lines. Each runs in one transaction: a failed check or write changes nothing. */
export class LineAdmin {
  constructor(
    private readonly data: Data,
    private readonly lines: Lines,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<Line[]> {
    return this.lines.list();
  }

  async create(actorId: string, cfg: LineConfig): Promise<Line> {
    return this.data.durableTransaction(async (): Promise<Line> => {
      await checkLineConfig(this.data, cfg);
      const id = `line-${randomUUID()}`;
      await createLine(this.data, { id, ...cfg });
      await this.audit.write('admin.line_create', actorId, id, { config: cfg });
      return (await this.lines.get(id))!;
    });
  }

  /** Replaces the whole configuration of an existing line; says which specialists joined or left it. */
  async update(actorId: string, id: string, cfg: LineConfig): Promise<{ line: Line; movedSpecialists: string[] }> {
    return this.data.durableTransaction(async (): Promise<{ line: Line; movedSpecialists: string[] }> => {
      const before = await this.lines.get(id);
      if (!before) throw new Failure('not_found', 'No such line.');
      await checkLineConfig(this.data, cfg);
      const q = () => this.data.q();
      await q()
        .updateTable('lines')
        .set({
          ...lineColumns(cfg),
          updated_at: Date.now(),
        })
        .where('id', '=', id)
        .execute();
      await q().deleteFrom('line_callers').where('line_id', '=', id).execute();
      for (const org of cfg.callerOrgIds) await q().insertInto('line_callers').values({ line_id: id, org_id: org }).execute();
      await q().deleteFrom('line_specialists').where('line_id', '=', id).execute();
      for (const [i, userId] of cfg.specialistIds.entries()) await addLineSpecialist(this.data, id, userId, i);
      const after = (await this.lines.get(id))!;
      await this.audit.write('admin.line_update', actorId, id, { changed: changedKeys(before, after), before, after });
      const moved = [...before.specialistIds, ...after.specialistIds].filter(
        (u) => before.specialistIds.includes(u) !== after.specialistIds.includes(u),
      );
      return { line: after, movedSpecialists: moved };
    });
  }
}

function changedKeys(a: Line, b: Line): string[] {
  return (Object.keys(b) as (keyof Line)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
