import { performance } from 'node:perf_hooks';
import type { SignalData } from '../../../signaling/protocol.js';
import { benchSignal, type Driver, type DriverHooks, type WorkerClient } from './driver.js';

export interface CallPhaseArgs {
  /** Label that makes this phase's call tags unique. */
  phase: string;
  /** Calls per second started by THIS worker. */
  ratePerSec: number;
  durationMs: number;
  /** Delay before the first call, so several workers interleave their arrivals evenly. */
  offsetMs: number;
  /** Signals relayed per call, alternating specialist → caller, caller → specialist. */
  signalsPerCall: number;
  /** How long to wait after the last arrival for calls still in progress. */
  drainMs: number;
  /** A call not finished this long after its request counts as failed. */
  callTimeoutMs: number;
  /** Then this long with no calls, so what the server sends late still counts for this phase (and not the next). */
  quietMs: number;
}

export interface CallPhaseResult {
  /** For each call, ms from the caller's request emit to each specialist's ring (kept by call: see ringP99RatioInterval). */
  ring: number[][];
  /** ms from the specialist's accept emit to the caller's connected update. */
  connected: number[];
  /** ms from a signal's emit to its arrival at the other party (one-way). */
  relay: number[];
  planned: number;
  started: number;
  completed: number;
  /** Arrivals with no free caller on their line (should stay 0). */
  skipped: number;
  failures: Record<string, number>;
  unfinished: number;
  disconnects: number;
  /** Server→client events the clients received during the phase (all events, not only the timed ones). */
  eventsIn: Record<string, number>;
}

interface Pending {
  tag: string;
  caller: string;
  t0: number;
  /** The specialists it was to ring (free when it arrived). */
  rung: string[];
  /** This call's ring latencies, also held in the phase's result. */
  rings: number[];
  stage: 'request' | 'accept' | 'relay' | 'finish';
  specialist?: string;
  callId?: string;
  tAccept?: number;
  connected: boolean;
  signalIndex: number;
  tSignal?: number;
  timer: NodeJS.Timeout;
}

interface LineClients {
  id: string;
  specialists: string[];
  callers: string[];
  nextCaller: number;
}

/**
 * Paced calls on the lines this worker owns (it holds every specialist and caller of them, so
 * both ends of every measurement are timed with this process's performance.now()): request →
 * rings → the first free ringing specialist accepts → connected → signals relayed back and forth
 * → the specialist hangs up and records the outcome, freeing themselves for the next call.
 */
export class CallLoop implements DriverHooks {
  driver: Driver | null = null;
  private readonly lines = new Map<string, LineClients>();
  private readonly busy = new Set<string>();
  /** Specialists whose call timed out: their server-side state is unknown, so they are not reused. */
  private readonly lost = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  private readonly byCall = new Map<string, Pending>();
  private r: CallPhaseResult = emptyResult();
  private signalsPerCall = 4;
  private disconnects = 0;

  constructor(private readonly workerIndex: number) {}

  addClients(clients: readonly WorkerClient[]): void {
    for (const c of clients) {
      let line = this.lines.get(c.lineId);
      if (!line) this.lines.set(c.lineId, (line = { id: c.lineId, specialists: [], callers: [], nextCaller: 0 }));
      (c.role === 'specialist' ? line.specialists : line.callers).push(c.userId);
    }
  }

  async run(a: CallPhaseArgs): Promise<CallPhaseResult> {
    this.r = emptyResult();
    const disconnectsBefore = this.disconnects;
    const eventsBefore = this.driver!.eventsReceived();
    this.signalsPerCall = a.signalsPerCall;
    const lineList = [...this.lines.values()].filter((l) => l.specialists.length > 0 && l.callers.length > 0);
    if (lineList.length === 0 || a.ratePerSec <= 0) return this.r;
    const interval = 1000 / a.ratePerSec;
    const planned = Math.ceil(a.durationMs / interval);
    this.r.planned = planned;
    const start = performance.now() + a.offsetMs;
    let k = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        while (k < planned && start + k * interval <= performance.now()) {
          this.launch(a, lineList[k % lineList.length]!, k);
          k++;
        }
        if (k < planned) setTimeout(tick, Math.max(0, start + k * interval - performance.now()));
        else resolve();
      };
      setTimeout(tick, Math.max(0, start - performance.now()));
    });
    const drainUntil = performance.now() + a.drainMs;
    while (this.pending.size > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
    this.r.unfinished = this.pending.size;
    for (const p of [...this.pending.values()]) this.fail(p, 'unfinished at end of phase', true);
    await new Promise((r) => setTimeout(r, a.quietMs));
    this.r.disconnects = this.disconnects - disconnectsBefore;
    this.r.eventsIn = countsSince(eventsBefore, this.driver!.eventsReceived());
    return this.r;
  }

  onRing(specialistId: string, tag: string, callId: string): void {
    const now = performance.now();
    const p = this.pending.get(tag);
    if (!p) return;
    p.rings.push(now - p.t0);
    if (p.specialist !== undefined || this.busy.has(specialistId) || this.lost.has(specialistId)) return;
    p.specialist = specialistId;
    p.callId = callId;
    p.stage = 'accept';
    this.busy.add(specialistId);
    this.byCall.set(callId, p);
    p.tAccept = performance.now();
    this.driver!.accept(specialistId, callId, p.caller, p.rung).catch((err: unknown) => this.fail(p, err, false));
  }

  onConnected(_callerId: string, callId: string): void {
    const now = performance.now();
    const p = this.byCall.get(callId);
    if (!p || p.connected || p.tAccept === undefined) return;
    p.connected = true;
    p.stage = 'relay';
    this.r.connected.push(now - p.tAccept);
    this.sendSignal(p);
  }

  onSignal(recipientId: string, callId: string, _data: SignalData): void {
    const now = performance.now();
    const p = this.byCall.get(callId);
    if (!p || p.tSignal === undefined) return;
    const expected = p.signalIndex % 2 === 0 ? p.caller : p.specialist;
    if (recipientId !== expected) return;
    this.r.relay.push(now - p.tSignal);
    p.tSignal = undefined;
    p.signalIndex++;
    this.sendSignal(p);
  }

  onDisconnect(): void {
    this.disconnects++;
  }

  private launch(a: CallPhaseArgs, line: LineClients, k: number): void {
    const caller = this.nextFreeCaller(line);
    if (!caller) {
      this.r.skipped++;
      return;
    }
    const tag = `${this.workerIndex}.${a.phase}.${k}`;
    const p: Pending = { tag, caller, t0: 0, rung: [], rings: [], stage: 'request', connected: false, signalIndex: 0, timer: setTimeout(() => this.fail(p, 'timed out', true), a.callTimeoutMs) };
    this.pending.set(tag, p);
    this.r.ring.push(p.rings);
    this.busy.add(caller);
    this.r.started++;
    p.rung = line.specialists.filter((s) => !this.busy.has(s) && !this.lost.has(s));
    p.t0 = performance.now();
    this.driver!.request(caller, line.id, tag, p.rung).catch((err: unknown) => this.fail(p, err, false));
  }

  private nextFreeCaller(line: LineClients): string | null {
    for (let i = 0; i < line.callers.length; i++) {
      const id = line.callers[(line.nextCaller + i) % line.callers.length]!;
      if (!this.busy.has(id)) {
        line.nextCaller = (line.nextCaller + i + 1) % line.callers.length;
        return id;
      }
    }
    return null;
  }

  private sendSignal(p: Pending): void {
    if (p.signalIndex >= this.signalsPerCall) return this.finish(p);
    const fromSpecialist = p.signalIndex % 2 === 0;
    const [from, to] = fromSpecialist ? [p.specialist!, p.caller] : [p.caller, p.specialist!];
    p.tSignal = performance.now();
    this.driver!.signal(from, to, p.callId!, benchSignal(p.signalIndex)).catch((err: unknown) => this.fail(p, err, false));
  }

  private finish(p: Pending): void {
    p.stage = 'finish';
    this.driver!.finish(p.specialist!, p.caller, p.callId!).then(
      () => {
        if (!this.forget(p)) return;
        this.busy.delete(p.specialist!);
        this.r.completed++;
      },
      (err: unknown) => this.fail(p, err, true),
    );
  }

  /** Counts the failure by stage and reason; the specialist is kept out of later calls if its state is unknown. */
  private fail(p: Pending, err: unknown, specialistStateUnknown: boolean): void {
    if (!this.forget(p)) return;
    const why = `${p.stage}: ${err instanceof Error ? err.message : String(err)}`;
    this.r.failures[why] = (this.r.failures[why] ?? 0) + 1;
    if (p.specialist === undefined) return;
    if (specialistStateUnknown || p.stage !== 'accept') this.lost.add(p.specialist);
    else this.busy.delete(p.specialist);
  }

  private forget(p: Pending): boolean {
    if (this.pending.get(p.tag) !== p) return false;
    clearTimeout(p.timer);
    this.pending.delete(p.tag);
    if (p.callId) this.byCall.delete(p.callId);
    this.busy.delete(p.caller);
    return true;
  }
}

function emptyResult(): CallPhaseResult {
  return { ring: [], connected: [], relay: [], planned: 0, started: 0, completed: 0, skipped: 0, failures: {}, unfinished: 0, disconnects: 0, eventsIn: {} };
}

function countsSince(before: Record<string, number>, now: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, n] of Object.entries(now)) if (n > (before[name] ?? 0)) out[name] = n - (before[name] ?? 0);
  return out;
}
