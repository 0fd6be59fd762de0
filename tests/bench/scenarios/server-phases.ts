import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { phaseMsFor, type BenchConfig } from '../config.js';
import { cpuPct, mergePhaseResults, type Fleet, type ServerSample } from '../fleet.js';
import type { CallPhaseResult } from '../load/call-loop.js';
import { watchOutsideLoad } from '../procfs.js';
import type { BenchUser } from '../seed.js';
import type { ProfileKind } from '../server-entry.js';
import { percentileRatioInterval, summarize, type RatioInterval, type Summary } from '../stats.js';

/** Capacity steps and, at the ring step, the call phases — OnCall and the floor side by side. */

export interface StepFigures {
  /** Clients the load generators hold connected after the step. */
  connected: number;
  failed: number;
  errors: Record<string, number>;
  connectMs: number;
  rssBytes: number | null;
  heapUsedBytes: number;
  /** (RSS now − RSS with no clients) / connected. */
  rssPerConnBytes: number | null;
  heapPerConnBytes: number | null;
  /** Server CPU over the idle window, % of one core. */
  idleCpuPct: number | null;
  serverFds: number | null;
  /** Set when the server process died or stopped answering. */
  error?: string;
}

export interface PhaseFigures {
  ring: Summary;
  connected: Summary;
  relay: Summary;
  planned: number;
  started: number;
  completed: number;
  skipped: number;
  unfinished: number;
  disconnects: number;
  failures: Record<string, number>;
  /** Server CPU over the phase (arrivals + drain), % of one core. */
  serverCpuPct: number;
  /** Server CPU time per completed call. */
  serverCpuMsPerCall: number | null;
  /** Server→client events the clients received per completed call. */
  eventsPerCall: number | null;
  /** The same, by event name. */
  eventsPerCallByName: Record<string, number>;
  /** GC pause time per second of the phase, the longest GC pause, the longest event-loop stall (ms). */
  gcMsPerSec: number;
  gcMaxMs: number;
  loopDelayMaxMs: number;
}

export interface CapacityStep {
  target: number;
  oncall: StepFigures;
  floor: StepFigures;
}

export interface RatePhase {
  rate: number;
  connectedClients: number;
  /** CPU used by processes outside the bench during the phase, % of the whole machine. */
  outsideLoadPct: number | null;
  /** Where this run's ring p99 ratio (OnCall ÷ floor) could lie on a rerun: see percentileRatioInterval. */
  ringP99RatioInterval: RatioInterval | null;
  oncall: PhaseFigures;
  floor: PhaseFigures;
}

export interface ServerPhaseResults {
  capacity: CapacityStep[];
  ring: RatePhase[];
}

type Log = (line: string) => void;

export async function runServerPhases(cfg: BenchConfig, users: readonly BenchUser[], fleets: { oncall: Fleet; floor: Fleet }, log: Log): Promise<ServerPhaseResults> {
  const both = [fleets.oncall, fleets.floor] as const;
  await Promise.all(both.map((f) => f.gc()));
  const base = await Promise.all(both.map((f) => f.sample()));
  const out: ServerPhaseResults = { capacity: [], ring: [] };
  let done = 0;
  for (const target of cfg.steps) {
    const slice = users.slice(done, target);
    done = Math.max(done, target);
    log(`capacity: connecting ${slice.length} more clients to each server (target ${target})…`);
    const connects = await Promise.all(both.map((f) => f.connect(slice, cfg.connectConcurrency, cfg.connectTimeoutMs).catch((err: Error) => err)));
    await sleep(cfg.settleMs);
    const figures = await Promise.all(both.map((f, i) => measureStep(f, base[i]!, connects[i]!, cfg.idleWindowMs)));
    const step: CapacityStep = { target, oncall: figures[0]!, floor: figures[1]! };
    out.capacity.push(step);
    log(`capacity ${target}: oncall ${describeStep(step.oncall)} | floor ${describeStep(step.floor)}`);
    if (target === cfg.ringAt && !step.oncall.error && !step.floor.error) {
      const profiles: ProfileKind[] = [...(cfg.profile ? (['cpu'] as const) : []), ...(cfg.heapProfile ? (['heap'] as const) : [])];
      if (profiles.length) await Promise.all(both.map((f) => f.profileStart(profiles)));
      for (const rate of cfg.rates) out.ring.push(await ratePhase(cfg, rate, fleets, step.oncall.connected, log));
      if (profiles.length) {
        const dir = join(cfg.resultsDir, 'profiles');
        mkdirSync(dir, { recursive: true });
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const files = await Promise.all(both.map((f) => f.profileStop(resolve(dir, `${f.kind}-${stamp}`))));
        log(`profiles of both servers over the call phases: ${files.flat().join(', ')}`);
      }
    }
    if (step.oncall.error || step.floor.error) {
      log('capacity: a server failed; later steps skipped');
      break;
    }
  }
  return out;
}

async function measureStep(fleet: Fleet, base: ServerSample, connect: Awaited<ReturnType<Fleet['connect']>> | Error, idleMs: number): Promise<StepFigures> {
  const empty: StepFigures = {
    connected: 0, failed: 0, errors: {}, connectMs: 0, rssBytes: 0, heapUsedBytes: 0,
    rssPerConnBytes: null, heapPerConnBytes: null, idleCpuPct: null, serverFds: null,
  };
  if (connect instanceof Error) return { ...empty, error: connect.message };
  const f: StepFigures = { ...empty, failed: connect.failed, errors: connect.errors, connectMs: Math.round(connect.ms) };
  try {
    f.connected = await fleet.connectedCount();
    await fleet.gc();
    const s0 = await fleet.sample();
    await sleep(idleMs);
    const s1 = await fleet.sample();
    f.rssBytes = s0.rss;
    f.heapUsedBytes = s0.heapUsed;
    f.serverFds = s0.fds;
    f.rssPerConnBytes = f.connected && s0.rss !== null && base.rss !== null ? (s0.rss - base.rss) / f.connected : null;
    f.heapPerConnBytes = f.connected ? (s0.heapUsed - base.heapUsed) / f.connected : null;
    f.idleCpuPct = cpuPct(s0, s1);
  } catch (err) {
    f.error = err instanceof Error ? err.message : String(err);
  }
  return f;
}

/**
 * One arrival rate on both servers. The phase is cut into slices that alternate OnCall and the
 * floor (O F F O O F …), so a burst of outside load on the shared machine lands on both sides
 * rather than on whichever happened to be running.
 */
async function ratePhase(cfg: BenchConfig, rate: number, fleets: { oncall: Fleet; floor: Fleet }, connectedClients: number, log: Log): Promise<RatePhase> {
  const acc = { oncall: emptyAcc(), floor: emptyAcc() };
  const outside = watchOutsideLoad([process.pid, ...fleets.oncall.pids, ...fleets.floor.pids]);
  const slices = Math.max(1, cfg.slices);
  const phaseMs = phaseMsFor(cfg, rate);
  log(`ring: ${rate} calls/s for ${phaseMs} ms on each server, in ${slices} alternating slices…`);
  for (let i = 0; i < slices; i++) {
    const order = i % 2 === 0 ? (['oncall', 'floor'] as const) : (['floor', 'oncall'] as const);
    const bySide: Partial<Record<'oncall' | 'floor', string>> = {};
    for (const side of order) {
      const r = await fleets[side].calls(rate, {
        phase: `r${rate}s${i}`,
        durationMs: phaseMs / slices,
        drainMs: cfg.drainMs,
        quietMs: cfg.quietMs,
        signalsPerCall: cfg.signalsPerCall,
        callTimeoutMs: cfg.callTimeoutMs,
      });
      const a = acc[side];
      a.result = mergePhaseResults(a.result, r);
      a.cpuMs += r.serverCpuMs;
      a.wallMs += r.wallMs;
      a.gcMs += r.gcMs;
      a.gcMaxMs = Math.max(a.gcMaxMs, r.gcMaxMs);
      a.loopDelayMaxMs = Math.max(a.loopDelayMaxMs, r.loopDelayMaxMs);
      bySide[side] = `ring p99 ${ms(summarize(r.ring.flat()).p99)} ms, longest GC ${ms(r.gcMaxMs)} ms, stall ${ms(r.loopDelayMaxMs)} ms`;
    }
    // One slice's hiccup and a gap that holds in every slice read alike in the phase's figures.
    log(`  slice ${i + 1}/${slices}: oncall ${bySide.oncall} | floor ${bySide.floor}`);
  }
  const phase: RatePhase = {
    rate,
    connectedClients,
    outsideLoadPct: outside(),
    ringP99RatioInterval: percentileRatioInterval(acc.oncall.result.ring, acc.floor.result.ring),
    oncall: figures(acc.oncall),
    floor: figures(acc.floor),
  };
  log(`ring ${rate}/s: oncall ${describePhase(phase.oncall)} | floor ${describePhase(phase.floor)} | outside load ${(phase.outsideLoadPct ?? 0).toFixed(0)} %`);
  return phase;
}

interface Acc {
  result: CallPhaseResult;
  cpuMs: number;
  wallMs: number;
  gcMs: number;
  gcMaxMs: number;
  loopDelayMaxMs: number;
}

const emptyAcc = (): Acc => ({
  result: { ring: [], connected: [], relay: [], planned: 0, started: 0, completed: 0, skipped: 0, failures: {}, unfinished: 0, disconnects: 0, eventsIn: {} },
  cpuMs: 0,
  wallMs: 0,
  gcMs: 0,
  gcMaxMs: 0,
  loopDelayMaxMs: 0,
});

function figures({ result: r, cpuMs, wallMs, gcMs, gcMaxMs, loopDelayMaxMs }: Acc): PhaseFigures {
  return {
    ring: summarize(r.ring.flat()),
    connected: summarize(r.connected),
    relay: summarize(r.relay),
    planned: r.planned,
    started: r.started,
    completed: r.completed,
    skipped: r.skipped,
    unfinished: r.unfinished,
    disconnects: r.disconnects,
    failures: r.failures,
    serverCpuPct: wallMs > 0 ? (cpuMs / wallMs) * 100 : 0,
    serverCpuMsPerCall: r.completed ? cpuMs / r.completed : null,
    eventsPerCall: r.completed ? sum(Object.values(r.eventsIn)) / r.completed : null,
    eventsPerCallByName: r.completed ? perCall(r.eventsIn, r.completed) : {},
    gcMsPerSec: wallMs > 0 ? (gcMs / wallMs) * 1000 : 0,
    gcMaxMs,
    loopDelayMaxMs,
  };
}

const ms = (v: number | null) => (v === null ? '-' : v.toFixed(1));
const describeStep = (s: StepFigures) =>
  s.error
    ? `ERROR ${s.error}`
    : `${s.connected} held (${s.failed} failed) in ${s.connectMs} ms, ${((s.rssPerConnBytes ?? 0) / 1024).toFixed(1)} KiB/conn, idle CPU ${(s.idleCpuPct ?? 0).toFixed(1)} %`;
const describePhase = (p: PhaseFigures) =>
  `ring p50/p99 ${ms(p.ring.p50)}/${ms(p.ring.p99)} ms, connected p99 ${ms(p.connected.p99)} ms, relay p99 ${ms(p.relay.p99)} ms, ` +
  `${p.completed}/${p.planned} calls, CPU ${p.serverCpuPct.toFixed(0)} % (${(p.serverCpuMsPerCall ?? 0).toFixed(2)} ms/call), ` +
  `events per call ${JSON.stringify(p.eventsPerCallByName)}${Object.keys(p.failures).length ? `, failures ${JSON.stringify(p.failures)}` : ''}`;

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
const perCall = (counts: Record<string, number>, calls: number) =>
  Object.fromEntries(Object.entries(counts).map(([name, n]) => [name, Math.round((n / calls) * 10) / 10]));
