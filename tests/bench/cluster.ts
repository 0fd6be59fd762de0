/**
 * `npm run bench -- --cluster`: what a cluster of server processes costs a user, beside the same
 * thing on one process, measured in one run on this machine (PostgreSQL and Redis running):
 * - ring latency (call:request sent → call:ring at the specialist) when the caller and the
 *   specialist are on different processes, against both on the process that runs the engine;
 * - failover: from kill -9 of a process to each of its clients connected to another process with
 *   its call state (session:ready), when the killed process ran the call engine, against killing
 *   one that did not (the floor: reconnecting alone).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Sessions } from '../../signaling/auth/sessions.js';
import { SESSION_TTL_MS } from '../../signaling/options.js';
import { insertUser } from '../../signaling/seed/seed-api.js';
import { callRequest } from '../support/calls.js';
import { connectClient, requestOk, waitForEvent } from '../support/clients.js';
import { addSpecialists, setLineRouting, withTestData } from '../support/db.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { dropSchemaOf, freshSchemaUrl } from '../support/test-store.js';
import { summarize, type Summary } from './stats.js';

const REDIS_URL = process.env.ONCALL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface ClusterFigures {
  ringSameProcessMs: Summary;
  ringCrossProcessMs: Summary;
  failoverEngineHolderMs: Summary;
  failoverFloorMs: Summary;
}

export async function runClusterBench(opts: { rounds: number; clients: number; out: string }): Promise<ClusterFigures> {
  const databaseUrl = await freshSchemaUrl();
  const store = { dataDir: '', databaseUrl };
  const procs: ServerProcess[] = [];
  const start = async () => (procs.push(await startServerProcess({ databaseUrl, redisUrl: REDIS_URL })), procs.at(-1)!);
  try {
    const [a, b] = [await start(), await start()]; // a runs the engine
    await addSpecialists(store, 'line-paediatrics', 1, 'bench');
    const callers = await addCallers(store, opts.clients);
    const tokens = await tokensFor(store, [`u-bench-1`, ...callers]);

    const ring = async (callerAt: ServerProcess, specialistAt: ServerProcess) => {
      const s = await connectClient(specialistAt.url, tokens.get('u-bench-1')!);
      await requestOk(s.socket, 'presence:set', { status: 'available' });
      const c = await connectClient(callerAt.url, tokens.get(callers[0]!)!);
      const samples: number[] = [];
      for (let i = 0; i < opts.rounds; i++) {
        const rang = waitForEvent(s.socket, 'call:ring');
        const t0 = performance.now();
        const call = requestOk(c.socket, 'call:request', callRequest('line-paediatrics'));
        await rang;
        samples.push(performance.now() - t0);
        const stopped = waitForEvent(s.socket, 'call:ring-stop');
        await requestOk(c.socket, 'call:cancel', { callId: (await call).id });
        await stopped;
      }
      s.socket.close();
      c.socket.close();
      return samples;
    };
    const same = await ring(a, a);
    const cross = [...(await ring(a, b)), ...(await ring(b, a))];

    // Every caller waits on a call nobody can answer, connected to the process about to be killed.
    await setLineRouting(store, 'line-haematology', { maxWaitSec: 3600 });
    const failover = async (victim: ServerProcess, survivor: ServerProcess) => {
      const clients = await Promise.all(callers.map(async (id) => ({ id, ...(await connectClient(victim.url, tokens.get(id)!)) })));
      for (const c of clients) if (!c.ready.activeCall) await requestOk(c.socket, 'call:request', callRequest('line-haematology'));
      const killedAt = performance.now();
      await victim.crash();
      const back = await Promise.all(
        clients.map(async (c) => {
          c.socket.close();
          for (;;) {
            try {
              const again = await connectClient(survivor.url, tokens.get(c.id)!, { timeoutMs: 10_000 });
              if (again.ready.activeCall?.state !== 'queued') throw new Error(`${c.id}: call state ${again.ready.activeCall?.state ?? 'lost'}`);
              return { ms: performance.now() - killedAt, socket: again.socket };
            } catch (err) {
              if (performance.now() - killedAt > 30_000) throw err;
              await new Promise((r) => setTimeout(r, 100)); // the app's own reconnect back-off
            }
          }
        }),
      );
      for (const r of back) r.socket.close();
      return back.map((r) => r.ms);
    };
    const floor = await failover(b, a); // b does not run the engine
    const c = await start();
    const holder = await failover(a, c); // a does
    const figures: ClusterFigures = {
      ringSameProcessMs: summarize(same),
      ringCrossProcessMs: summarize(cross),
      failoverEngineHolderMs: summarize(holder),
      failoverFloorMs: summarize(floor),
    };
    await mkdir(opts.out, { recursive: true });
    await writeFile(join(opts.out, `cluster-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify(figures, null, 2));
    return figures;
  } finally {
    await Promise.all(procs.map((p) => (p.child.exitCode === null && p.child.signalCode === null ? p.stop() : undefined)));
    await dropSchemaOf(databaseUrl);
  }
}

async function addCallers(store: { dataDir: string; databaseUrl: string }, count: number): Promise<string[]> {
  return withTestData(store, (data) =>
    data.transaction(async () => {
      const ids: string[] = [];
      for (let i = 1; i <= count; i++) {
        const id = `u-bench-caller-${i}`;
        await insertUser(data, { id, username: `bench.caller.${i}`, displayName: `Nurse ${i}`, role: 'caller', professionalGroup: 'nurse', organisationId: 'org-mh', passwordHash: 'unused' });
        ids.push(id);
      }
      return ids;
    }),
  );
}

/** Session tokens minted in the store: the bench measures calls and failover, not password hashing. */
async function tokensFor(store: { dataDir: string; databaseUrl: string }, userIds: string[]): Promise<Map<string, string>> {
  return withTestData(store, async (data) => {
    const sessions = new Sessions(data, SESSION_TTL_MS);
    const out = new Map<string, string>();
    for (const id of userIds) out.set(id, (await sessions.create(id)).token);
    return out;
  });
}

export function clusterReport(f: ClusterFigures): string {
  const row = (name: string, s: Summary) => `${name.padEnd(44)} p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}  (n=${s.count})`;
  const ratio = f.ringCrossProcessMs.p99! / f.ringSameProcessMs.p99!;
  return [
    row('ring, caller and specialist on one process', f.ringSameProcessMs),
    row('ring, caller and specialist on two processes', f.ringCrossProcessMs),
    `  cross-process ring p99 = ${ratio.toFixed(2)}× same-process (target ≤ 2×): ${ratio <= 2 ? 'met' : 'MISSED'}`,
    row('failover: killed process did not run engine', f.failoverFloorMs),
    row('failover: killed process ran the engine', f.failoverEngineHolderMs),
    `  failover p99 ${fmt(f.failoverEngineHolderMs.p99)} (target ≤ 5000 ms): ${f.failoverEngineHolderMs.p99! <= 5000 ? 'met' : 'MISSED'}`,
  ].join('\n');
}

const fmt = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} ms`.padStart(10));
