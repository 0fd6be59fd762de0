import { hashPassword } from '../../signaling/auth/passwords.js';
import { Sessions } from '../../signaling/auth/sessions.js';
import type { Data } from '../../signaling/db/data.js';
import { openData } from '../../signaling/db/open.js';
import { SESSION_TTL_MS } from '../../signaling/options.js';
import { createLine, createOrganisation, insertUser } from '../../signaling/seed/seed-api.js';
import { withTestData } from '../support/test-store.js';

/**
 * The bench population, written straight into a fresh SQLite folder before the server starts:
 * one provider trust, one caller organisation, `lines` public ring-all lines, and `users` users
 * of whom every `specialistEvery`-th is a specialist (spread evenly over the lines), the rest
 * callers (each with a home line it calls). Any prefix of the list keeps that mix, so the
 * capacity steps connect the first N.
 *
 * Hashing 20k passwords with scrypt would take minutes, so every user shares ONE real scrypt hash
 * of BENCH_PASSWORD (real sign-in still works for any of them), and the bulk sessions are made
 * with the server's own Sessions class — the same token generator and token hash the sign-in
 * route uses — instead of 20k HTTP sign-ins. Specialists get a stored `available` presence for
 * that session, which the server restores on connect as it does after a restart.
 */

export const BENCH_PASSWORD = 'oncall-bench-password';
const PROVIDER_ORG = 'org-bench-acute';
const CALLER_ORG = 'org-bench-gp';

export interface BenchUser {
  userId: string;
  username: string;
  role: 'specialist' | 'caller';
  lineId: string;
  lineIndex: number;
  /** Session token, unless the seed was asked for none (real sign-in later). */
  token: string;
}

export interface PopulationOptions {
  users: number;
  lines: number;
  specialistEvery: number;
  /** Create sessions (and stored presence) directly. Default true. */
  sessions?: boolean;
  /** Finished calls already on each line (call history: a server that has run for a while). Default 0. */
  historyPerLine?: number;
}

const HISTORY_DAYS = 90;

export const lineIdOf = (index: number) => `bench-line-${String(index).padStart(2, '0')}`;

/** Who user i is: pure, so the harness and the tests agree on the layout. */
export function benchUserAt(i: number, o: Pick<PopulationOptions, 'lines' | 'specialistEvery'>): Omit<BenchUser, 'token'> {
  const specialist = i % o.specialistEvery === 0;
  const lineIndex = specialist ? Math.floor(i / o.specialistEvery) % o.lines : i % o.lines;
  return { userId: `u-bench-${i}`, username: `bench.${i}`, role: specialist ? 'specialist' : 'caller', lineId: lineIdOf(lineIndex), lineIndex };
}

/** Creates and migrates the SQLite store in a data folder, then closes it. */
export type PrepareStore = (dataDir: string) => Promise<void>;

/** This tree's store: openData with a folder and no database URL is SQLite. */
export const prepareStore: PrepareStore = async (dataDir) => {
  const { data } = await openData({ dataDir });
  await data.close();
};

/**
 * `prepare` creates the SQLite store: pass the server under test's own when it comes from another
 * tree (`--server=`), so its schema is its own migrations', not this tree's. The population is then
 * written over a plain connection to that file, which migrates nothing.
 */
export async function seedBenchPopulation(dataDir: string, o: PopulationOptions, prepare: PrepareStore = prepareStore): Promise<BenchUser[]> {
  await prepare(dataDir);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const users = Array.from({ length: o.users }, (_, i) => benchUserAt(i, o));
  return withTestData({ dataDir }, (data) =>
    data.transaction(async () => {
      const sessions = new Sessions(data, SESSION_TTL_MS);
      await createOrganisation(data, { id: PROVIDER_ORG, name: 'Bench Acute NHS Trust', kind: 'acute_trust' });
      await createOrganisation(data, { id: CALLER_ORG, name: 'Bench GP Practices', kind: 'gp_practice' });
      for (const [i, u] of users.entries()) {
        const specialist = u.role === 'specialist';
        await insertUser(data, {
          id: u.userId,
          username: u.username,
          displayName: `${specialist ? 'Dr' : 'Caller'} Bench ${i}`,
          role: u.role,
          professionalGroup: specialist ? 'consultant' : 'gp',
          organisationId: specialist ? PROVIDER_ORG : CALLER_ORG,
          passwordHash,
        });
      }
      for (let l = 0; l < o.lines; l++) {
        await createLine(data, {
          id: lineIdOf(l),
          name: `Bench line ${l}`,
          specialty: `Bench specialty ${l}`,
          providerOrgId: PROVIDER_ORG,
          callerOrgIds: [CALLER_ORG],
          specialistIds: users.filter((u) => u.role === 'specialist' && u.lineIndex === l).map((u) => u.userId),
          topics: ['Bench topic'],
        });
      }
      const now = Date.now();
      await seedHistory(data, users, o, now);
      const seeded: BenchUser[] = [];
      for (const u of users) {
        if (o.sessions === false) {
          seeded.push({ ...u, token: '' });
          continue;
        }
        const { token, session } = await sessions.create(u.userId, now);
        if (u.role === 'specialist') {
          await data.q().insertInto('presence').values({ user_id: u.userId, status: 'available', session_id: session.sessionId, changed_at: now }).execute();
        }
        seeded.push({ ...u, token });
      }
      return seeded;
    }),
  );
}

/**
 * Closed calls spread over the last HISTORY_DAYS days, each between a caller and a specialist of
 * its line, so the server's per-line and per-user queries run against a realistic amount of
 * history instead of an empty table. Only the calls table (not call_events): the call paths read it.
 */
async function seedHistory(data: Data, users: readonly Omit<BenchUser, 'token'>[], o: PopulationOptions, now: number): Promise<void> {
  const perLine = o.historyPerLine ?? 0;
  if (perLine <= 0) return;
  const rows = [];
  for (let l = 0; l < o.lines; l++) {
    const lineId = lineIdOf(l);
    const specialists = users.filter((u) => u.role === 'specialist' && u.lineIndex === l);
    const callers = users.filter((u) => u.role === 'caller' && u.lineIndex === l);
    if (!specialists.length || !callers.length) continue;
    for (let i = 0; i < perLine; i++) {
      const created = now - Math.round(((i + 0.5) / perLine) * HISTORY_DAYS * 86_400_000);
      const answered = created + 20_000 + (i % 7) * 10_000;
      const id = `hist-${l}-${i}`;
      rows.push({
        id,
        request_id: id,
        line_id: lineId,
        caller_id: callers[i % callers.length]!.userId,
        specialist_id: specialists[i % specialists.length]!.userId,
        state: 'closed',
        urgency: 'routine',
        question: 'Earlier bench call',
        age_band: 'adult_18_64',
        care_setting: 'primary_care',
        topic: 'Bench topic',
        created_at: created,
        first_ring_at: created + 500,
        answered_at: answered,
        ended_at: answered + 300_000,
        closed_at: answered + 360_000,
        end_reason: 'caller_hung_up',
      });
    }
  }
  // In batches: one statement per row would be slow, one for all would pass SQLite's limit on parameters.
  for (let i = 0; i < rows.length; i += 500) await data.q().insertInto('calls').values(rows.slice(i, i + 500)).execute();
}
