import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit.js';
import { durableTransaction, type Db } from '../db/database.js';
import type { Lines } from '../directory/lines.js';
import { Failure } from '../errors.js';
import type { Line, LineConfig } from '../protocol.js';
import { addLineSpecialist, createLine } from '../seed/seed-api.js';
import { checkLineConfig } from './line-checks.js';

/** Admin writes to lines. Each runs in one transaction: a failed check or write changes nothing. */
export class LineAdmin {
  constructor(
    private readonly db: Db,
    private readonly lines: Lines,
    private readonly audit: AuditLog,
  ) {}

  list(): Line[] {
    return this.lines.list();
  }

  create(actorId: string, cfg: LineConfig): Line {
    return durableTransaction(this.db, (): Line => {
      checkLineConfig(this.db, cfg);
      const id = `line-${randomUUID()}`;
      createLine(this.db, { id, ...cfg });
      this.audit.write('admin.line_create', actorId, id, { config: cfg });
      return this.lines.get(id)!;
    });
  }

  /** Replaces the whole configuration of an existing line; says which specialists joined or left it. */
  update(actorId: string, id: string, cfg: LineConfig): { line: Line; movedSpecialists: string[] } {
    return durableTransaction(this.db, (): { line: Line; movedSpecialists: string[] } => {
      const before = this.lines.get(id);
      if (!before) throw new Failure('not_found', 'No such line.');
      checkLineConfig(this.db, cfg);
      this.db
        .prepare(
          `UPDATE lines SET name = ?, specialty = ?, provider_org_id = ?, internal = ?, hours_json = ?, routing = ?,
             ring_timeout_sec = ?, max_wait_sec = ?, answer_target_sec = ?, advice_outcomes_json = ?, patient_outcomes_json = ?,
             topics_json = ?, active = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          cfg.name, cfg.specialty, cfg.providerOrgId, cfg.internal ? 1 : 0, JSON.stringify(cfg.hours), cfg.routing,
          cfg.ringTimeoutSec, cfg.maxWaitSec, cfg.answerTargetSec, JSON.stringify(cfg.adviceOutcomes),
          JSON.stringify(cfg.patientOutcomes), JSON.stringify(cfg.topics), cfg.active ? 1 : 0, Date.now(), id,
        );
      this.db.prepare('DELETE FROM line_callers WHERE line_id = ?').run(id);
      const addCaller = this.db.prepare('INSERT INTO line_callers (line_id, org_id) VALUES (?, ?)');
      for (const org of cfg.callerOrgIds) addCaller.run(id, org);
      this.db.prepare('DELETE FROM line_specialists WHERE line_id = ?').run(id);
      cfg.specialistIds.forEach((userId, i) => addLineSpecialist(this.db, id, userId, i));
      const after = this.lines.get(id)!;
      this.audit.write('admin.line_update', actorId, id, { changed: changedKeys(before, after), before, after });
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
