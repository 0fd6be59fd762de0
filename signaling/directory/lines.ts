import type { Db } from '../db/database.js';
import type { HoursOfCover, Line, OutcomeCodeDef, RoutingStrategy } from '../protocol.js';

interface LineRow {
  id: string;
  name: string;
  specialty: string;
  provider_org_id: string;
  provider_org_name: string;
  internal: number;
  hours_json: string;
  routing: RoutingStrategy;
  ring_timeout_sec: number;
  max_wait_sec: number;
  answer_target_sec: number;
  advice_outcomes_json: string;
  patient_outcomes_json: string;
  topics_json: string;
  active: number;
}

/** Lines, their caller organisations and covering specialists. Read from the DB every time: admins may edit them live. */
export class Lines {
  private readonly one;
  private readonly all;
  private readonly callers;
  private readonly specialists;
  private readonly covered;
  private readonly callable;

  constructor(db: Db) {
    const select = `SELECT l.*, o.name AS provider_org_name FROM lines l JOIN organisations o ON o.id = l.provider_org_id`;
    this.one = db.prepare(`${select} WHERE l.id = ?`);
    this.all = db.prepare(`${select} ORDER BY l.name`);
    this.callers = db.prepare('SELECT org_id FROM line_callers WHERE line_id = ? ORDER BY org_id').pluck();
    this.specialists = db.prepare('SELECT user_id FROM line_specialists WHERE line_id = ? ORDER BY position, user_id').pluck();
    // A switched-off line stays covered while calls placed before it was switched off still wait
    // on it (they stay answerable until they end: see Dispatcher.offerTimedOut).
    this.covered = db.prepare(
      `SELECT ls.line_id FROM line_specialists ls JOIN lines l ON l.id = ls.line_id WHERE ls.user_id = ? AND (l.active = 1 OR
         EXISTS (SELECT 1 FROM calls c WHERE c.line_id = l.id AND c.state IN ('queued', 'ringing'))) ORDER BY l.name`,
    ).pluck();
    this.callable = db.prepare(
      `SELECT l.id FROM lines l WHERE l.active = 1 AND (
         (l.internal = 1 AND l.provider_org_id = @org) OR
         (l.internal = 0 AND (l.provider_org_id = @org OR EXISTS (SELECT 1 FROM line_callers c WHERE c.line_id = l.id AND c.org_id = @org))))
       ORDER BY l.name`,
    ).pluck();
  }

  get(id: string): Line | null {
    const row = this.one.get(id) as LineRow | undefined;
    return row ? this.toLine(row) : null;
  }

  list(): Line[] {
    return (this.all.all() as LineRow[]).map((r) => this.toLine(r));
  }

  specialistIds(lineId: string): string[] {
    return this.specialists.all(lineId) as string[];
  }

  /** Lines the user covers that are active, or switched off but still have calls waiting. */
  coveredBy(userId: string): string[] {
    return this.covered.all(userId) as string[];
  }

  /** Lines a user of this organisation may call: internal lines of their own organisation, public lines open to it. */
  callableBy(orgId: string): string[] {
    return this.callable.all({ org: orgId }) as string[];
  }

  private toLine(r: LineRow): Line {
    return {
      id: r.id,
      name: r.name,
      specialty: r.specialty,
      providerOrgId: r.provider_org_id,
      providerOrgName: r.provider_org_name,
      internal: r.internal === 1,
      hours: JSON.parse(r.hours_json) as HoursOfCover,
      routing: r.routing,
      ringTimeoutSec: r.ring_timeout_sec,
      maxWaitSec: r.max_wait_sec,
      answerTargetSec: r.answer_target_sec,
      adviceOutcomes: JSON.parse(r.advice_outcomes_json) as OutcomeCodeDef[],
      patientOutcomes: JSON.parse(r.patient_outcomes_json) as OutcomeCodeDef[],
      topics: JSON.parse(r.topics_json) as string[],
      callerOrgIds: this.callers.all(r.id) as string[],
      specialistIds: this.specialistIds(r.id),
      active: r.active === 1,
    };
  }
}
