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
  /** JSON arrays, in org id order / rota order. */
  caller_org_ids: string;
  specialist_ids: string;
}

/**
 * Lines, their caller organisations and covering specialists, read from the database on every
 * lookup (admins edit them live). A pass that looks many up at once (publishing queue lists) asks
 * for a view(), which reads each line once for the pass.
 */
export class Lines {
  private readonly all;
  private readonly one;
  private readonly specialistsOf;
  private readonly coveredByUser;
  private readonly callable;

  constructor(db: Db) {
    // One row per line, its callers and covering specialists as JSON arrays.
    const select = `SELECT l.*, o.name AS provider_org_name,
      (SELECT json_group_array(c.org_id ORDER BY c.org_id) FROM line_callers c WHERE c.line_id = l.id) AS caller_org_ids,
      (SELECT json_group_array(s.user_id ORDER BY s.position, s.user_id) FROM line_specialists s WHERE s.line_id = l.id) AS specialist_ids
      FROM lines l JOIN organisations o ON o.id = l.provider_org_id`;
    this.all = db.prepare(`${select} ORDER BY l.name`);
    this.one = db.prepare(`${select} WHERE l.id = ?`);
    this.specialistsOf = db.prepare('SELECT user_id FROM line_specialists WHERE line_id = ? ORDER BY position, user_id').pluck();
    // Active lines, and switched-off ones whose waiting calls stay answerable (see Router.offerTimedOut).
    this.coveredByUser = db
      .prepare(
        `SELECT l.id FROM line_specialists s JOIN lines l ON l.id = s.line_id WHERE s.user_id = ?
         AND (l.active = 1 OR EXISTS (SELECT 1 FROM calls c WHERE c.line_id = l.id AND c.state IN ('queued', 'ringing')))
         ORDER BY l.name`,
      )
      .pluck();
    // Internal lines of the caller's own organisation; public lines open to it.
    this.callable = db
      .prepare(
        `SELECT l.id FROM lines l WHERE l.active = 1 AND (@line IS NULL OR l.id = @line) AND (l.provider_org_id = @org
         OR (l.internal = 0 AND EXISTS (SELECT 1 FROM line_callers c WHERE c.line_id = l.id AND c.org_id = @org))) ORDER BY l.name`,
      )
      .pluck();
  }

  get(id: string): Line | null {
    const row = this.one.get(id) as LineRow | undefined;
    return row ? toLine(row) : null;
  }

  /** Every line, in name order. */
  list(): Line[] {
    return (this.all.all() as LineRow[]).map(toLine);
  }

  specialistIds(lineId: string): readonly string[] {
    return this.specialistsOf.all(lineId) as string[];
  }

  /** Lines the user covers that are active, or switched off but still have calls waiting. */
  coveredBy(userId: string): string[] {
    return this.coveredByUser.all(userId) as string[];
  }

  /** Lines a user of this organisation may call: internal lines of their own organisation, public lines open to it. */
  callableBy(orgId: string): string[] {
    return this.callable.all({ org: orgId, line: null }) as string[];
  }

  canCall(orgId: string, lineId: string): boolean {
    return this.callable.get({ org: orgId, line: lineId }) !== undefined;
  }

  /** Lookups that remember what they read, for one pass over many recipients. Do not keep it past the pass. */
  view(): LinesView {
    return new LinesView(this);
  }
}

/** One pass's reading of the lines (see Lines.view): each line and each user's cover read once. */
export class LinesView {
  private readonly lines = new Map<string, Line | null>();
  private readonly covered = new Map<string, string[]>();

  constructor(private readonly source: Lines) {}

  get(id: string): Line | null {
    let line = this.lines.get(id);
    if (line === undefined) this.lines.set(id, (line = this.source.get(id)));
    return line;
  }

  specialistIds(lineId: string): readonly string[] {
    return this.get(lineId)?.specialistIds ?? [];
  }

  coveredBy(userId: string): string[] {
    let ids = this.covered.get(userId);
    if (!ids) this.covered.set(userId, (ids = this.source.coveredBy(userId)));
    return ids;
  }
}

function toLine(r: LineRow): Line {
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
    callerOrgIds: JSON.parse(r.caller_org_ids) as string[],
    specialistIds: JSON.parse(r.specialist_ids) as string[],
    active: r.active === 1,
  };
}
