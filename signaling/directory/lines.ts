import { stateIn, type Data } from '../db/data.js';
import type { Schema } from '../db/schema.js';
import type { HoursOfCover, Line, LineConfig, OutcomeCodeDef, RoutingStrategy } from '../protocol.js';

/** A lines row with its provider organisation's name. */
interface LineRow extends Omit<Schema['lines'], 'routing' | 'active'> {
  routing: RoutingStrategy;
  active: number;
  provider_org_name: string;
}

/**
 * Lines, their caller organisations and covering specialists, read from the database on every
 * lookup (admins edit them live). A pass that looks many up at once (publishing queue lists) asks
 * for a view(), which reads each line once for the pass.
 */
export class Lines {
  constructor(private readonly data: Data) {}

  async get(id: string): Promise<Line | null> {
    return (await this.read([id]))[0] ?? null;
  }

  /** Every line, in name order. */
  list(): Promise<Line[]> {
    return this.read(null);
  }

  async specialistIds(lineId: string): Promise<readonly string[]> {
    const rows = await this.data.q().selectFrom('line_specialists').select('user_id').where('line_id', '=', lineId).orderBy('position').orderBy('user_id').execute();
    return rows.map((r) => r.user_id);
  }

  /** Lines the user covers that are active, or switched off but still have calls waiting (see Router.offerTimedOut). */
  async coveredBy(userId: string): Promise<string[]> {
    const rows = await this.data
      .q()
      .selectFrom('line_specialists as s')
      .innerJoin('lines as l', 'l.id', 's.line_id')
      .select('l.id')
      .where('s.user_id', '=', userId)
      .where((eb) =>
        eb.or([
          eb('l.active', '=', 1),
          eb.exists(eb.selectFrom('calls as c').select('c.id').whereRef('c.line_id', '=', 'l.id').where(stateIn(['queued', 'ringing'], 'c'))),
        ]),
      )
      .orderBy('l.name')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Lines a user of this organisation may call: internal lines of their own organisation, public lines open to it. */
  async callableBy(orgId: string): Promise<string[]> {
    return (await this.callable(orgId, null)).map((r) => r.id);
  }

  async canCall(orgId: string, lineId: string): Promise<boolean> {
    return (await this.callable(orgId, lineId)).length > 0;
  }

  /** Lookups that remember what they read, for one pass over many recipients. Do not keep it past the pass. */
  view(): LinesView {
    return new LinesView(this);
  }

  private callable(orgId: string, lineId: string | null) {
    let q = this.data
      .q()
      .selectFrom('lines as l')
      .select('l.id')
      .where('l.active', '=', 1)
      .where((eb) =>
        eb.or([
          eb('l.provider_org_id', '=', orgId),
          eb.and([
            eb('l.internal', '=', 0),
            eb.exists(eb.selectFrom('line_callers as c').select('c.line_id').whereRef('c.line_id', '=', 'l.id').where('c.org_id', '=', orgId)),
          ]),
        ]),
      );
    if (lineId !== null) q = q.where('l.id', '=', lineId);
    return q.orderBy('l.name').execute();
  }

  /** The lines (all when `ids` is null) with their callers and specialists: three queries, whatever the count. */
  private async read(ids: readonly string[] | null): Promise<Line[]> {
    if (ids?.length === 0) return [];
    const q = this.data.q();
    let lines = q.selectFrom('lines as l').innerJoin('organisations as o', 'o.id', 'l.provider_org_id').selectAll('l').select('o.name as provider_org_name');
    if (ids) lines = lines.where('l.id', 'in', ids);
    const rows = (await lines.orderBy('l.name').orderBy('l.id').execute()) as LineRow[];
    if (rows.length === 0) return [];
    const lineIds = rows.map((r) => r.id);
    const callers = await q.selectFrom('line_callers').select(['line_id', 'org_id']).where('line_id', 'in', lineIds).orderBy('org_id').execute();
    const specialists = await q
      .selectFrom('line_specialists')
      .select(['line_id', 'user_id'])
      .where('line_id', 'in', lineIds)
      .orderBy('position')
      .orderBy('user_id')
      .execute();
    const group = (pairs: { line_id: string; v: string }[]) => {
      const m = new Map<string, string[]>();
      for (const { line_id, v } of pairs) m.set(line_id, [...(m.get(line_id) ?? []), v]);
      return m;
    };
    const callersOf = group(callers.map((c) => ({ line_id: c.line_id, v: c.org_id })));
    const specialistsOf = group(specialists.map((s) => ({ line_id: s.line_id, v: s.user_id })));
    return rows.map((r) => toLine(r, callersOf.get(r.id) ?? [], specialistsOf.get(r.id) ?? []));
  }
}

/** One pass's reading of the lines (see Lines.view): each line and each user's cover read once. */
export class LinesView {
  private readonly lines = new Map<string, Promise<Line | null>>();
  private readonly covered = new Map<string, Promise<string[]>>();

  constructor(private readonly source: Lines) {}

  get(id: string): Promise<Line | null> {
    let line = this.lines.get(id);
    if (line === undefined) this.lines.set(id, (line = this.source.get(id)));
    return line;
  }

  async specialistIds(lineId: string): Promise<readonly string[]> {
    return (await this.get(lineId))?.specialistIds ?? [];
  }

  coveredBy(userId: string): Promise<string[]> {
    let ids = this.covered.get(userId);
    if (!ids) this.covered.set(userId, (ids = this.source.coveredBy(userId)));
    return ids;
  }
}

function toLine(r: LineRow, callerOrgIds: string[], specialistIds: string[]): Line {
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
    callerOrgIds,
    specialistIds,
    active: r.active === 1,
  };
}

/** The lines row's columns for a line's configuration (toLine's other way round), for inserts and updates. */
export function lineColumns(cfg: Omit<LineConfig, 'callerOrgIds' | 'specialistIds'>) {
  return {
    name: cfg.name,
    specialty: cfg.specialty,
    provider_org_id: cfg.providerOrgId,
    internal: cfg.internal ? 1 : 0,
    hours_json: JSON.stringify(cfg.hours),
    routing: cfg.routing,
    ring_timeout_sec: cfg.ringTimeoutSec,
    max_wait_sec: cfg.maxWaitSec,
    answer_target_sec: cfg.answerTargetSec,
    advice_outcomes_json: JSON.stringify(cfg.adviceOutcomes),
    patient_outcomes_json: JSON.stringify(cfg.patientOutcomes),
    topics_json: JSON.stringify(cfg.topics),
    active: cfg.active ? 1 : 0,
  };
}
