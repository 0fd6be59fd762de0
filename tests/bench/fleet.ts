import { fileURLToPath } from 'node:url';
import { forkTs, type RpcChild } from './ipc.js';
import type { CallPhaseArgs, CallPhaseResult } from './load/call-loop.js';
import type { WorkerClient } from './load/driver.js';
import type { ConnectResult, WorkerCommands } from './load/worker.js';
import type { BenchUser } from './seed.js';
import { openFiles, residentBytes } from './procfs.js';
import type { ProfileKind, SelfSample, ServerCommands, ServerStartArgs } from './server-entry.js';

export interface ServerSample extends SelfSample {
  rss: number | null;
  fds: number | null;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const SERVER_ENTRY = here('./server-entry.ts');
const WORKER_ENTRY = here('./load/worker.ts');

/** A server (OnCall or the floor) alone in its own process. */
export async function startServerProcess(start: ServerStartArgs, execArgv: string[] = []): Promise<{ server: RpcChild<ServerCommands>; url: string; pid: number }> {
  const server = forkTs<ServerCommands>(`${start.kind} server`, SERVER_ENTRY, ['--expose-gc', ...execArgv]);
  try {
    const { url, pid } = await server.call('start', start, 60_000);
    return { server, url, pid };
  } catch (err) {
    server.child.kill('SIGKILL');
    throw err;
  }
}

/**
 * One server process (OnCall or the floor) and the load-generator processes that hold its
 * clients. A worker owns whole lines (line index mod workers), so a call's caller and
 * specialists always live in the same worker and share its clock.
 */
export class Fleet {
  private constructor(
    readonly kind: ServerStartArgs['kind'],
    readonly server: RpcChild<ServerCommands>,
    readonly workers: RpcChild<WorkerCommands>[],
    readonly url: string,
    readonly pid: number,
  ) {}

  static async start(start: ServerStartArgs, workers: number, serverExecArgv: string[] = []): Promise<Fleet> {
    const { server, url, pid } = await startServerProcess(start, serverExecArgv);
    try {
      const ws = Array.from({ length: workers }, (_, i) => forkTs<WorkerCommands>(`${start.kind} worker ${i}`, WORKER_ENTRY));
      await Promise.all(ws.map((w, index) => w.call('init', { target: start.kind, url, index }, 30_000)));
      return new Fleet(start.kind, server, ws, url, pid);
    } catch (err) {
      server.child.kill('SIGKILL');
      throw err;
    }
  }

  /** Connects these users, each through the worker that owns their line. */
  async connect(users: readonly BenchUser[], concurrency: number, timeoutMs: number): Promise<ConnectResult> {
    const shares = this.workers.map(() => [] as WorkerClient[]);
    for (const u of users) shares[u.lineIndex % this.workers.length]!.push({ userId: u.userId, token: u.token, role: u.role, lineId: u.lineId });
    const results = await Promise.all(
      this.workers.map((w, i) => w.call('connect', { clients: shares[i]!, concurrency, timeoutMs }, timeoutMs * 2 + shares[i]!.length * 20)),
    );
    const errors: Record<string, number> = {};
    for (const r of results) for (const [k, n] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + n;
    return {
      connected: results.reduce((s, r) => s + r.connected, 0),
      failed: results.reduce((s, r) => s + r.failed, 0),
      errors,
      ms: Math.max(...results.map((r) => r.ms)),
    };
  }

  /** Every process of this fleet (server and load generators). */
  get pids(): number[] {
    return [this.server.pid, ...this.workers.map((w) => w.pid)];
  }

  async connectedCount(): Promise<number> {
    const counts = await Promise.all(this.workers.map((w) => w.call('count', undefined, 10_000)));
    return counts.reduce((a, b) => a + b, 0);
  }

  async sample(): Promise<ServerSample> {
    const self = await this.server.call('sample', undefined, 30_000);
    return { ...self, rss: residentBytes(this.pid), fds: openFiles(this.pid) };
  }

  gc(): Promise<void> {
    return this.server.call('gc', undefined, 30_000);
  }

  profileStart(kinds: ProfileKind[]): Promise<void> {
    return this.server.call('profileStart', kinds, 30_000);
  }

  profileStop(filePrefix: string): Promise<string[]> {
    return this.server.call('profileStop', filePrefix, 60_000);
  }

  /** One call phase at `rate` calls/s in total, split evenly over the workers with interleaved arrivals. */
  async calls(rate: number, args: Omit<CallPhaseArgs, 'ratePerSec' | 'offsetMs'>): Promise<CallPhaseResult & ServerPhaseCost> {
    const n = this.workers.length;
    const before = await this.sample();
    const results = await Promise.all(
      this.workers.map((w, i) =>
        w.call('calls', { ...args, ratePerSec: rate / n, offsetMs: (i * 1000) / rate }, args.durationMs + args.drainMs + args.quietMs + args.callTimeoutMs + 30_000),
      ),
    );
    const after = await this.sample();
    const merged = results.reduce(mergePhaseResults);
    return {
      ...merged,
      serverCpuMs: (after.cpuUs - before.cpuUs) / 1000,
      wallMs: after.at - before.at,
      gcMs: after.gcMs - before.gcMs,
      gcMaxMs: after.gcMaxMs,
      loopDelayMaxMs: after.loopDelayMaxMs,
    };
  }

  /**
   * Load generators are killed (their clients' sockets close with them; nothing of theirs is
   * needed any more); the server is asked to stop.
   */
  async close(): Promise<void> {
    for (const w of this.workers) w.child.kill('SIGKILL');
    await Promise.all(this.workers.map((w) => w.exited));
    await this.server.stop(15_000);
  }

  kill(): void {
    for (const c of [this.server, ...this.workers]) if (c.alive) c.child.kill('SIGKILL');
  }
}

/** What one call phase cost the server process. */
export interface ServerPhaseCost {
  serverCpuMs: number;
  wallMs: number;
  /** Total GC pause time, the longest GC pause, and the longest event-loop stall in the phase. */
  gcMs: number;
  gcMaxMs: number;
  loopDelayMaxMs: number;
}

/** CPU time between two samples as % of one core. */
export function cpuPct(a: ServerSample, b: ServerSample): number {
  const wallMs = b.at - a.at;
  return wallMs > 0 ? ((b.cpuUs - a.cpuUs) / 1000 / wallMs) * 100 : 0;
}

export function mergePhaseResults(m: CallPhaseResult, r: CallPhaseResult): CallPhaseResult {
  return {
    ring: m.ring.concat(r.ring),
    connected: m.connected.concat(r.connected),
    relay: m.relay.concat(r.relay),
    planned: m.planned + r.planned,
    started: m.started + r.started,
    completed: m.completed + r.completed,
    skipped: m.skipped + r.skipped,
    failures: mergeCounts(m.failures, r.failures),
    unfinished: m.unfinished + r.unfinished,
    disconnects: m.disconnects + r.disconnects,
    eventsIn: mergeCounts(m.eventsIn, r.eventsIn),
  };
}

function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}
