import { sql } from 'kysely';
import type { Data } from '../db/data.js';
import { lineColumns } from '../directory/lines.js';
import { hashPassword } from '../auth/passwords.js';
import {
  DEFAULT_ADVICE_OUTCOMES,
  DEFAULT_PATIENT_OUTCOMES,
  LineConfig,
  type UserPublic,
} from '../protocol.js';
import type { z } from 'zod';

/** Small write helpers for the demo seed, tests and the bench. Each validates what it stores; each joins the caller's transaction. */

export async function createOrganisation(data: Data, org: { id: string; name: string; kind: string }): Promise<void> {
  await data.q().insertInto('organisations').values({ id: org.id, name: org.name, kind: org.kind }).execute();
}

export interface NewUser extends Omit<UserPublic, 'organisationName'> {
  password: string;
  /** Precomputed scrypt hash (e.g. reused for many bench users); `password` is ignored then. */
  passwordHash?: string;
}

export async function createUser(data: Data, user: NewUser): Promise<void> {
  await insertUser(data, { ...user, passwordHash: user.passwordHash ?? (await hashPassword(user.password)) });
}

/** Insert with a precomputed hash (no slow hashing, so fit to run inside a transaction). */
export async function insertUser(data: Data, user: Omit<NewUser, 'password'> & { passwordHash: string }): Promise<void> {
  await data
    .q()
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      professional_group: user.professionalGroup,
      organisation_id: user.organisationId,
      password_hash: user.passwordHash,
      active: 1,
      created_at: Date.now(),
    })
    .execute();
}

export type NewLine = Partial<z.input<typeof LineConfig>> &
  Pick<z.input<typeof LineConfig>, 'name' | 'specialty' | 'providerOrgId'> & { id: string };

/** Inserts a line with sensible defaults (ring-all, 20 s ring, 5 min max wait, default outcome codes). */
export async function createLine(data: Data, input: NewLine): Promise<void> {
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
  await data.transaction(async () => {
    await data
      .q()
      .insertInto('lines')
      .values({
        id,
        ...lineColumns(cfg),
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const org of cfg.callerOrgIds) await data.q().insertInto('line_callers').values({ line_id: id, org_id: org }).execute();
    for (const [i, userId] of cfg.specialistIds.entries()) await addLineSpecialist(data, id, userId, i);
  });
}

/** Adds a specialist to a line's cover; without a position they go to the end of the rota. */
export async function addLineSpecialist(data: Data, lineId: string, userId: string, position?: number): Promise<void> {
  const pos =
    position ??
    ((
      await data
        .q()
        .selectFrom('line_specialists')
        .select(sql<number>`coalesce(max(position) + 1, 0)`.as('next'))
        .where('line_id', '=', lineId)
        .executeTakeFirst()
    )?.next ?? 0);
  await data.q().insertInto('line_specialists').values({ line_id: lineId, user_id: userId, position: pos }).execute();
}

/** Changes a line's routing and timers (tests, bench; the admin API does the same through its own route). */
export async function updateLineRouting(
  data: Data,
  lineId: string,
  patch: { routing?: LineConfig['routing']; ringTimeoutSec?: number; maxWaitSec?: number },
): Promise<void> {
  const set: { routing?: string; ring_timeout_sec?: number; max_wait_sec?: number } = {};
  if (patch.routing) set.routing = patch.routing;
  if (patch.ringTimeoutSec !== undefined) set.ring_timeout_sec = patch.ringTimeoutSec;
  if (patch.maxWaitSec !== undefined) set.max_wait_sec = patch.maxWaitSec;
  if (!Object.keys(set).length) return;
  await data.q().updateTable('lines').set({ ...set, updated_at: Date.now() }).where('id', '=', lineId).execute();
}

export async function userCount(data: Data): Promise<number> {
  const row = await data.q().selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
