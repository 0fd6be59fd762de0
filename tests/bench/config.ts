import { resolve } from 'node:path';

/** What `npm run bench` measures and for how long; `--quick` shrinks everything to under a minute. */
export interface BenchConfig {
  mode: 'default' | 'quick';
  /** Connected clients at each capacity step (cumulative: each step adds to the last). */
  steps: number[];
  /** The step at which the ring / relay phases run. */
  ringAt: number;
  lines: number;
  /** Every n-th user is a specialist (5 %). */
  specialistEvery: number;
  /** Finished calls seeded on each line before the run (history the queries must cope with). */
  historyPerLine: number;
  workersPerServer: number;
  /** Handshakes in flight per worker. */
  connectConcurrency: number;
  connectTimeoutMs: number;
  /** Pause after a step's connections before measuring memory and idle CPU. */
  settleMs: number;
  /** Idle CPU window; 25 s = socket.io's default pingInterval, so every connection is pinged once in it. */
  idleWindowMs: number;
  rates: number[];
  /** Seconds of arrivals at each rate, and (longer) at TARGET_RATE: see phaseMsFor. */
  phaseMs: number;
  targetPhaseMs: number;
  /** Each rate's phase is cut into this many slices, alternating OnCall and the floor. */
  slices: number;
  drainMs: number;
  /**
   * Quiet time closing each slice: work a server defers (OnCall re-sends colleague counts up to a
   * second later) is counted in its own slice (CPU, events) and never lands in the other server's.
   */
  quietMs: number;
  signalsPerCall: number;
  callTimeoutMs: number;
  /** The p99 a rate must stay under to count as held. */
  rateLimitMs: number;
  mediaCalls: number;
  media: boolean;
  /** CPU-profile both servers over the call phases (V8's profiler, as node --cpu-prof). */
  profile: boolean;
  /** Sample both servers' allocations over the call phases (heap profiles in the results folder). */
  heapProfile: boolean;
  /** Hard stop for the whole run. */
  watchdogMs: number;
  resultsDir: string;
  /** Run this copy of signaling/server.ts instead of the working tree's (A/B comparisons). */
  serverModule?: string;
  /** Extra Node flags for both server processes (a GC setting tried on both, --trace-gc…). */
  serverNodeArgs: string[];
}

const DEFAULTS: Omit<BenchConfig, 'mode' | 'profile' | 'heapProfile' | 'media' | 'resultsDir' | 'serverNodeArgs'> = {
  steps: [1000, 5000, 10000, 20000],
  ringAt: 10000,
  lines: 50,
  specialistEvery: 20,
  historyPerLine: 2000,
  workersPerServer: 2,
  connectConcurrency: 100,
  connectTimeoutMs: 20_000,
  settleMs: 2000,
  idleWindowMs: 25_000,
  rates: [20, 50, 100],
  phaseMs: 6000,
  targetPhaseMs: 16_000,
  slices: 4,
  drainMs: 5000,
  quietMs: 1500,
  signalsPerCall: 4,
  callTimeoutMs: 10_000,
  rateLimitMs: 100,
  mediaCalls: 20,
  watchdogMs: 9 * 60_000,
};

const QUICK: Partial<BenchConfig> = {
  steps: [500, 2000],
  ringAt: 2000,
  settleMs: 500,
  idleWindowMs: 3000,
  phaseMs: 2500,
  targetPhaseMs: 2500,
  slices: 2,
  drainMs: 2000,
  quietMs: 1200,
  mediaCalls: 3,
  watchdogMs: 2 * 60_000,
};

/** The rate the ring target is judged at (10k connections, 50 calls/s). */
export const TARGET_RATE = 50;

/**
 * A rate's p99 counts calls, not rings: each call rings all ten specialists of its line at once,
 * so the p99 of 8 s at 50/s (400 calls) was set by the worst four calls, and one GC pause in either
 * server moved the ratio between 0.8× and 4.7× from run to run. The target rate runs long enough
 * for 800 calls; the others, only read against the 100 ms limit, run shorter to keep the total.
 */
export function phaseMsFor(cfg: Pick<BenchConfig, 'phaseMs' | 'targetPhaseMs'>, rate: number): number {
  return rate === TARGET_RATE ? cfg.targetPhaseMs : cfg.phaseMs;
}

export const USAGE = `npm run bench [-- options]
  --quick          small N and short phases (under a minute)
  --steps=a,b,c    capacity steps (clients connected at once)
  --ring-at=N      the step at which ring / relay latency is measured
  --rates=a,b      call arrival rates per second (default 20,50,100)
  --phase=S        seconds of arrivals at every call rate (default 6, and 16 at 50/s; quick 2.5)
  --idle=S         idle-CPU window in seconds (default 25, quick 3)
  --history=N      finished calls seeded per line (default 2000, i.e. 100k calls over 90 days; 0 for none)
  --no-media       skip the Chromium media set-up phase
  --profile        CPU-profile both servers over the call phases (profile-summary.ts reads them)
  --heap-profile   sample both servers' allocations over the call phases (profile-summary.ts reads them)
  --out=DIR        results folder (default tests/bench/results)
  --server=FILE    run another copy of signaling/server.ts (e.g. an older tree) as the OnCall server
  --node-args=A,B  extra Node flags for both servers (e.g. --node-args=--max-semi-space-size=32)`;

export function parseArgs(argv: readonly string[]): BenchConfig {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}\n${USAGE}`);
    flags.set(m[1]!, m[2] ?? '');
  }
  const known = ['quick', 'steps', 'ring-at', 'rates', 'phase', 'idle', 'history', 'no-media', 'profile', 'heap-profile', 'out', 'server', 'node-args', 'help'];
  for (const k of flags.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}\n${USAGE}`);
  if (flags.has('help')) throw new Error(USAGE);
  const quick = flags.has('quick');
  const cfg: BenchConfig = {
    ...DEFAULTS,
    ...(quick ? QUICK : {}),
    mode: quick ? 'quick' : 'default',
    media: !flags.has('no-media'),
    profile: flags.has('profile'),
    heapProfile: flags.has('heap-profile'),
    resultsDir: flags.get('out') || 'tests/bench/results',
    serverNodeArgs: (flags.get('node-args') ?? '').split(',').filter((a) => a !== ''),
  };
  for (const a of cfg.serverNodeArgs) if (!a.startsWith('--')) throw new Error(`--node-args: ${a} is not a Node flag`);
  const phase = flags.get('phase');
  if (phase) cfg.phaseMs = cfg.targetPhaseMs = positiveNumber(phase, '--phase') * 1000;
  const idle = flags.get('idle');
  if (idle) cfg.idleWindowMs = positiveNumber(idle, '--idle') * 1000;
  const history = flags.get('history');
  if (history !== undefined) cfg.historyPerLine = history === '0' ? 0 : positiveInt(history, '--history');
  const server = flags.get('server');
  if (server) cfg.serverModule = resolve(server);
  const steps = flags.get('steps');
  if (steps) cfg.steps = steps.split(',').map((s) => positiveInt(s, '--steps'));
  const rates = flags.get('rates');
  if (rates) cfg.rates = [...new Set(rates.split(',').map((r) => positiveInt(r, '--rates')))].sort((a, b) => a - b);
  const ringAt = flags.get('ring-at');
  if (ringAt) cfg.ringAt = positiveInt(ringAt, '--ring-at');
  // A longer --phase (an A/B run) adds its extra arrival time, on both servers, to the hard stop.
  for (const rate of cfg.rates) cfg.watchdogMs += 2 * Math.max(0, phaseMsFor(cfg, rate) - phaseMsFor(DEFAULTS, rate));
  cfg.steps = [...new Set(cfg.steps)].sort((a, b) => a - b);
  if (!cfg.steps.includes(cfg.ringAt)) cfg.ringAt = cfg.steps.filter((s) => s <= cfg.ringAt).at(-1) ?? cfg.steps[0]!;
  return cfg;
}

function positiveInt(s: string, what: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${what}: ${s} is not a positive whole number`);
  return n;
}

function positiveNumber(s: string, what: string): number {
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${what}: ${s} is not a positive number`);
  return n;
}
