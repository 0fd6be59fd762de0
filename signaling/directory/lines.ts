import type Database from 'better-sqlite3';
import type { Db } from '../db/database.js';
import { deepFreeze } from '../deep-freeze.js';
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

interface Loaded {
  version: number;
  /** Every line, in name order (SQLite's, as the directory has always listed them). */
  ordered: readonly Line[];
  byId: ReadonlyMap<string, Line>;
  /** Lines each specialist covers, in name order. */
  byUser: ReadonlyMap<string, readonly Line[]>;
}

/**
 * Lines, their caller organisations and covering specialists. Admins edit them live, so they are
 * held in memory only as long as `config_version` (bumped by triggers on every change to lines,
 * their cover and callers, from any code path or connection: migration 005) has not moved: each
 * lookup costs one point read instead of re-reading and re-parsing the line. The Line objects
 * handed out are shared and frozen.
 */
export class Lines {
  private readonly version;
  private readonly all;
  private readonly callers;
  private readonly specialists;
  private readonly waitingOn;
  private loaded: Loaded | null = null;

  constructor(private readonly db: Db) {
    this.version = db.prepare('SELECT n FROM config_version WHERE id = 1').pluck();
    this.all = db.prepare(`SELECT l.*, o.name AS provider_org_name FROM lines l JOIN organisations o ON o.id = l.provider_org_id ORDER BY l.name`);
    this.callers = db.prepare('SELECT line_id, org_id FROM line_callers ORDER BY line_id, org_id');
    this.specialists = db.prepare('SELECT line_id, user_id FROM line_specialists ORDER BY line_id, position, user_id');
    // The first state term is the live-calls index's own condition (migration 007), which lets SQLite use it.
    this.waitingOn = db.prepare(
      `SELECT EXISTS (SELECT 1 FROM calls WHERE line_id = ? AND state IN ('queued', 'ringing', 'connected', 'wrap_up') AND state IN ('queued', 'ringing'))`,
    ).pluck();
  }

  /**
   * The lines as they are now, for a pass that looks up many (one version check for all of them
   * instead of one per lookup). Do not keep it past the current event: it does not follow changes.
   */
  view(): LinesView {
    return new LinesView(this.current(), this.waitingOn);
  }

  get(id: string): Line | null {
    return this.view().get(id);
  }

  list(): Line[] {
    return this.view().list();
  }

  specialistIds(lineId: string): readonly string[] {
    return this.view().specialistIds(lineId);
  }

  coveredBy(userId: string): string[] {
    return this.view().coveredBy(userId);
  }

  callableBy(orgId: string): string[] {
    return this.view().callableBy(orgId);
  }

  /**
   * The lines as of the current config_version. A load made inside a transaction may see writes
   * that are later rolled back, so it is used but not kept (a later commit could reach the same
   * counter value with other data); committed values of the counter only ever grow.
   */
  private current(): Loaded {
    const version = this.version.get() as number;
    if (this.loaded?.version === version) return this.loaded;
    const fresh = this.load(version);
    if (!this.db.inTransaction) this.loaded = fresh;
    return fresh;
  }

  private load(version: number): Loaded {
    const group = (rows: { line_id: string; v: string }[]) => {
      const m = new Map<string, string[]>();
      for (const r of rows) {
        let list = m.get(r.line_id);
        if (!list) m.set(r.line_id, (list = []));
        list.push(r.v);
      }
      return m;
    };
    const callers = group((this.callers.all() as { line_id: string; org_id: string }[]).map((r) => ({ line_id: r.line_id, v: r.org_id })));
    const specialists = group((this.specialists.all() as { line_id: string; user_id: string }[]).map((r) => ({ line_id: r.line_id, v: r.user_id })));
    const ordered = (this.all.all() as LineRow[]).map((r) => toLine(r, callers.get(r.id) ?? [], specialists.get(r.id) ?? []));
    const byUser = new Map<string, Line[]>();
    for (const line of ordered) {
      for (const userId of line.specialistIds) {
        let list = byUser.get(userId);
        if (!list) byUser.set(userId, (list = []));
        list.push(line);
      }
    }
    return { version, ordered, byId: new Map(ordered.map((l) => [l.id, l])), byUser };
  }
}

/** One consistent reading of the lines (see Lines.view). */
export class LinesView {
  constructor(
    private readonly loaded: Loaded,
    private readonly waitingOn: Database.Statement,
  ) {}

  get(id: string): Line | null {
    return this.loaded.byId.get(id) ?? null;
  }

  list(): Line[] {
    return [...this.loaded.ordered];
  }

  specialistIds(lineId: string): readonly string[] {
    return this.loaded.byId.get(lineId)?.specialistIds ?? [];
  }

  /**
   * Lines the user covers that are active, or switched off but still have calls waiting (those stay
   * answerable until they end: see Dispatcher.offerTimedOut).
   */
  coveredBy(userId: string): string[] {
    const out: string[] = [];
    for (const l of this.loaded.byUser.get(userId) ?? []) if (l.active || this.waitingOn.get(l.id) === 1) out.push(l.id);
    return out;
  }

  /** Lines a user of this organisation may call: internal lines of their own organisation, public lines open to it. */
  callableBy(orgId: string): string[] {
    return this.loaded.ordered
      .filter((l) => l.active && (l.providerOrgId === orgId || (!l.internal && l.callerOrgIds.includes(orgId))))
      .map((l) => l.id);
  }
}

function toLine(r: LineRow, callerOrgIds: string[], specialistIds: string[]): Line {
  return deepFreeze({
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
  });
}
