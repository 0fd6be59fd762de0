import { TARGET_RATE, type BenchConfig } from './config.js';
import type { MediaResults } from './scenarios/media.js';
import type { PhaseFigures, ServerPhaseResults } from './scenarios/server-phases.js';
import { highestRateUnder, ratio, withinFactor, type RatioInterval, type Summary } from './stats.js';

/** Turns the measured figures into the printed table and the target verdicts. */

export interface Row {
  figure: string;
  oncall: number | null;
  floor: number | null;
  /** OnCall / floor; null where a ratio means nothing. */
  ratio: number | null;
  unit: string;
}

export interface Target {
  target: string;
  verdict: 'met' | 'missed' | 'not measured';
  detail: string;
}

export interface BenchResults {
  meta: { startedAt: string; durationMs: number; mode: BenchConfig['mode']; node: string; cpus: number; cpuModel: string; fdLimit: { soft: number; hard: number } };
  config: BenchConfig;
  server: ServerPhaseResults;
  media: MediaResults | null;
}

/**
 * Guards, not targets: the call paths must stay within these factors of the bare relay measured in
 * the same run (ring p99 and server CPU per call, at 10k connections and 50 calls/s). The relay's
 * own socket.io work is the floor; what OnCall adds on top is its routing, storage and views.
 */
const RING_GUARD = 3;
const CPU_GUARD = 3;
const MEDIA_FACTOR = 1.3;
const CONNECTIONS_TARGET = 20_000;
const OUTSIDE_LOAD_WARN = 15;

const k = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

export function buildRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const pair = (figure: string, unit: string, oncall: number | null, floor: number | null, withRatio = true) =>
    rows.push({ figure, oncall, floor, ratio: withRatio ? ratio(oncall, floor) : null, unit });
  for (const s of r.server.capacity) {
    pair(`connections held @${k(s.target)}`, '', s.oncall.connected, s.floor.connected, false);
    pair(`  RSS per connection @${k(s.target)}`, 'KiB', kib(s.oncall.rssPerConnBytes), kib(s.floor.rssPerConnBytes));
    pair(`  heap per connection @${k(s.target)}`, 'KiB', kib(s.oncall.heapPerConnBytes), kib(s.floor.heapPerConnBytes));
    pair(`  idle CPU @${k(s.target)}`, '% core', s.oncall.idleCpuPct, s.floor.idleCpuPct);
  }
  for (const p of r.server.ring) {
    const at = `@${k(p.connectedClients)} ${p.rate}/s`;
    const lat = (name: string, pick: (f: PhaseFigures) => Summary, ps: (keyof Summary)[]) => {
      for (const q of ps) pair(`${name} ${q} ${at}`, 'ms', pick(p.oncall)[q], pick(p.floor)[q]);
    };
    lat('ring', (f) => f.ring, ['p50', 'p95', 'p99']);
    lat('  accept→connected', (f) => f.connected, ['p50', 'p95', 'p99']);
    lat('  signal relay', (f) => f.relay, ['p50', 'p99']);
    pair(`  calls completed ${at}`, `of ${p.oncall.planned}`, p.oncall.completed, p.floor.completed, false);
    pair(`  server CPU per call ${at}`, 'ms', p.oncall.serverCpuMsPerCall, p.floor.serverCpuMsPerCall);
    pair(`  events sent to clients per call ${at}`, '', p.oncall.eventsPerCall, p.floor.eventsPerCall);
    pair(`  server GC pause per second ${at}`, 'ms', p.oncall.gcMsPerSec, p.floor.gcMsPerSec);
    pair(`  server longest GC pause ${at}`, 'ms', p.oncall.gcMaxMs, p.floor.gcMaxMs);
    pair(`  server longest event-loop stall ${at}`, 'ms', p.oncall.loopDelayMaxMs, p.floor.loopDelayMaxMs);
  }
  if (r.server.ring.length) {
    const best = (side: 'oncall' | 'floor') =>
      highestRateUnder(r.server.ring.map((p) => ({ rate: p.rate, p99: worst(p[side].ring.p99, p[side].connected.p99) })), r.config.rateLimitMs);
    pair(`highest rate with p99 < ${r.config.rateLimitMs} ms`, 'calls/s', best('oncall'), best('floor'), false);
  }
  if (r.media) {
    pair(`media set-up p50 (${r.media.calls} calls)`, 'ms', r.media.oncall.p50, r.media.bare.p50);
    pair('  media set-up p95', 'ms', r.media.oncall.p95, r.media.bare.p95);
  }
  return rows;
}

/** The ratio's bootstrap interval, so a reader sees whether a met or missed target is more than this run's luck. */
function intervalNote(i: RatioInterval | null): string {
  return i ? ` (${Math.round(i.level * 100)} % interval over resampled calls ${fmt(i.low, 2)}–${fmt(i.high, 2)}×)` : '';
}

export function evaluateTargets(r: BenchResults): Target[] {
  const targets: Target[] = [];
  const phase = r.server.ring.find((p) => p.rate === TARGET_RATE);
  const guard = (name: string, factor: number, pick: (f: PhaseFigures) => number | null, unit: string, interval: RatioInterval | null) => {
    const target = `${name} ≤ ${factor}× floor at 10k, ${TARGET_RATE}/s (guard)`;
    if (!phase) return targets.push({ target, verdict: 'not measured', detail: `no ${TARGET_RATE}/s phase ran` });
    const [oncall, floor] = [pick(phase.oncall), pick(phase.floor)];
    const ok = withinFactor(oncall, floor, factor);
    const note = phase.connectedClients < 10_000 ? ` (measured at ${k(phase.connectedClients)} clients, not 10k)` : '';
    return targets.push({
      target,
      verdict: ok === null ? 'not measured' : ok ? 'met' : 'missed',
      detail: `${fmt(oncall)} ${unit} vs floor ${fmt(floor)} ${unit} = ${fmt(ratio(oncall, floor), 2)}×${intervalNote(interval)}${note}`,
    });
  };
  guard('ring p99', RING_GUARD, (f) => f.ring.p99, 'ms', phase?.ringP99RatioInterval ?? null);
  guard('server CPU per call', CPU_GUARD, (f) => f.serverCpuMsPerCall, 'ms', null);
  const top = r.server.capacity.filter((s) => s.target >= CONNECTIONS_TARGET).at(-1);
  const most = Math.max(0, ...r.server.capacity.map((s) => s.oncall.connected));
  if (!top) targets.push({ target: `≥ ${k(CONNECTIONS_TARGET)} connections in one server process`, verdict: 'not measured', detail: `largest step ${k(Math.max(...r.config.steps))}; most held ${most}` });
  else {
    const fd = r.meta.fdLimit;
    const limited = top.oncall.connected < CONNECTIONS_TARGET && fd.hard <= CONNECTIONS_TARGET + 100;
    targets.push({
      target: `≥ ${k(CONNECTIONS_TARGET)} connections in one server process`,
      verdict: top.oncall.connected >= CONNECTIONS_TARGET && !top.oncall.error ? 'met' : 'missed',
      detail:
        `${top.oncall.connected} held (floor ${top.floor.connected})` +
        (top.oncall.error ? `; server: ${top.oncall.error}` : '') +
        (limited ? `; this machine's hard open-files limit is ${fd.hard} per process, so no server here can hold ${CONNECTIONS_TARGET} sockets` : ''),
    });
  }
  if (!r.media) targets.push({ target: `media set-up p50 ≤ ${MEDIA_FACTOR}× bare pair`, verdict: 'not measured', detail: 'media phase skipped' });
  else {
    const ok = withinFactor(r.media.oncall.p50, r.media.bare.p50, MEDIA_FACTOR);
    targets.push({
      target: `media set-up p50 ≤ ${MEDIA_FACTOR}× bare pair`,
      verdict: ok === null ? 'not measured' : ok ? 'met' : 'missed',
      detail: `${fmt(r.media.oncall.p50)} ms vs bare ${fmt(r.media.bare.p50)} ms = ${fmt(ratio(r.media.oncall.p50, r.media.bare.p50), 2)}×` + (r.media.error ? `; ${r.media.error}` : ''),
    });
  }
  return targets;
}

export function formatTable(r: BenchResults): string {
  const rows = buildRows(r);
  const head = ['figure', 'OnCall', 'floor', '× floor', 'unit'];
  const cells = rows.map((x) => [x.figure, fmt(x.oncall), fmt(x.floor), x.ratio === null ? '' : fmt(x.ratio, 2), x.unit]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 || i === 4 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  const m = r.meta;
  const out = [
    `OnCall benchmark (${m.mode}) — ${m.startedAt}, ${(m.durationMs / 1000).toFixed(0)} s, node ${m.node}, ${m.cpus}× ${m.cpuModel}, open files ${m.fdLimit.soft}/${m.fdLimit.hard}`,
    'floor = bare socket.io forwarder (same clients, same load); media floor = bare simple-peer pair through the bare relay',
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    ...outsideLoadNote(r),
    '',
    'targets:',
    ...evaluateTargets(r).map((t) => `  [${t.verdict.toUpperCase()}] ${t.target}: ${t.detail}`),
  ];
  return out.join('\n');
}

/** Call phases share the machine with whatever else runs: say how much CPU other processes took. */
function outsideLoadNote(r: BenchResults): string[] {
  const loads = r.server.ring.map((p) => `${p.rate}/s ${fmt(p.outsideLoadPct, 0)} %`);
  if (!loads.length) return [];
  const busy = r.server.ring.some((p) => (p.outsideLoadPct ?? 0) > OUTSIDE_LOAD_WARN);
  return [
    '',
    `CPU taken by other processes during the call phases (% of the machine): ${loads.join(', ')}`,
    ...(busy ? [`  above ${OUTSIDE_LOAD_WARN} %: those latencies include waiting for the CPU behind someone else; re-run on a quiet machine`] : []),
  ];
}

function fmt(v: number | null | undefined, digits?: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  if (digits !== undefined) return v.toFixed(digits);
  if (Number.isInteger(v)) return String(v);
  return v >= 100 ? v.toFixed(0) : v.toFixed(1);
}

const kib = (b: number | null) => (b === null ? null : b / 1024);
const worst = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.max(a, b));
