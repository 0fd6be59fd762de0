import { transaction, type Db } from '../db/database.js';
import { hashPassword } from '../auth/passwords.js';
import {
  DEFAULT_ADVICE_OUTCOMES,
  DEFAULT_PATIENT_OUTCOMES,
  LineConfig,
  type UserPublic,
} from '../protocol.js';
import type { z } from 'zod';

/** Small write helpers for the demo seed, tests and the bench. Each validates what it stores. */

export function createOrganisation(db: Db, org: { id: string; name: string; kind: string }): void {
  db.prepare('INSERT INTO organisations (id, name, kind) VALUES (?, ?, ?)').run(org.id, org.name, org.kind);
}

export interface NewUser extends Omit<UserPublic, 'organisationName'> {
  password: string;
  /** Precomputed scrypt hash (e.g. reused for many bench users); `password` is ignored then. */
  passwordHash?: string;
}

export async function createUser(db: Db, user: NewUser): Promise<void> {
  insertUser(db, { ...user, passwordHash: user.passwordHash ?? (await hashPassword(user.password)) });
}

/** Synchronous insert with a precomputed hash (usable inside a transaction). */
export function insertUser(db: Db, user: Omit<NewUser, 'password'> & { passwordHash: string }): void {
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, professional_group, organisation_id, password_hash, active, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
  ).run(user.id, user.username, user.displayName, user.role, user.professionalGroup, user.organisationId, user.passwordHash, Date.now());
}

export type NewLine = Partial<z.input<typeof LineConfig>> &
  Pick<z.input<typeof LineConfig>, 'name' | 'specialty' | 'providerOrgId'> & { id: string };

/** Inserts a line with sensible defaults (ring-all, 20 s ring, 5 min max wait, default outcome codes). */
export function createLine(db: Db, input: NewLine): void {
  const { id, ...rest } = input;
  const cfg = LineConfig.parse({
    internal: false,
    hours: { kind: 'always' },
    routing: 'ring_all',
    ringTimeoutSec: 20,
    maxWaitSec: 300,
    answerTargetSec: 60,
    adviceOutcomes: DEFAULT_ADVICE_OUTCOMES,
    patientOutcomes: DEFAULT_PATIENT_OUTCOMES,
    topics: [],
    callerOrgIds: [],
    specialistIds: [],
    ...rest,
  });
  const now = Date.now();
  transaction(db, () => {
    db.prepare(
      `INSERT INTO lines (id, name, specialty, provider_org_id, internal, hours_json, routing, ring_timeout_sec, max_wait_sec,
         answer_target_sec, advice_outcomes_json, patient_outcomes_json, topics_json, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id, cfg.name, cfg.specialty, cfg.providerOrgId, cfg.internal ? 1 : 0, JSON.stringify(cfg.hours), cfg.routing,
      cfg.ringTimeoutSec, cfg.maxWaitSec, cfg.answerTargetSec, JSON.stringify(cfg.adviceOutcomes),
      JSON.stringify(cfg.patientOutcomes), JSON.stringify(cfg.topics), cfg.active ? 1 : 0, now, now,
    );
    for (const org of cfg.callerOrgIds) db.prepare('INSERT INTO line_callers (line_id, org_id) VALUES (?, ?)').run(id, org);
    cfg.specialistIds.forEach((userId, i) => addLineSpecialist(db, id, userId, i));
  });
}

/** Adds a specialist to a line's cover; without a position they go to the end of the rota. */
export function addLineSpecialist(db: Db, lineId: string, userId: string, position?: number): void {
  const pos =
    position ??
    ((db.prepare('SELECT COALESCE(MAX(position) + 1, 0) FROM line_specialists WHERE line_id = ?').pluck().get(lineId) as number) || 0);
  db.prepare('INSERT INTO line_specialists (line_id, user_id, position) VALUES (?, ?, ?)').run(lineId, userId, pos);
}

/** Changes a line's routing and timers (tests, bench; the admin API does the same through its own route). */
export function updateLineRouting(
  db: Db,
  lineId: string,
  patch: { routing?: LineConfig['routing']; ringTimeoutSec?: number; maxWaitSec?: number },
): void {
  const sets: string[] = [];
  const args: (string | number)[] = [];
  if (patch.routing) sets.push('routing = ?'), args.push(patch.routing);
  if (patch.ringTimeoutSec !== undefined) sets.push('ring_timeout_sec = ?'), args.push(patch.ringTimeoutSec);
  if (patch.maxWaitSec !== undefined) sets.push('max_wait_sec = ?'), args.push(patch.maxWaitSec);
  if (!sets.length) return;
  db.prepare(`UPDATE lines SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...args, Date.now(), lineId);
}

export function userCount(db: Db): number {
  return db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number;
}
