import type { Timers } from './timers.js';

interface Offer {
  expiresAt: number;
  /** Longest-idle / rota: the specialist holds one offer at a time. */
  sequential: boolean;
}

const ringKey = (callId: string, userId: string) => `ring:${callId}:${userId}`;

/**
 * Who each waiting call is ringing for right now, each offer with its ring time-out, and who has
 * passed on it. In memory: offers restart with the server (restart recovery requeues the calls).
 */
export class Offers {
  private readonly ringing = new Map<string, Map<string, Offer>>();
  private readonly passedBy = new Map<string, Set<string>>();

  constructor(private readonly timers: Timers) {}

  /** Rings `callId` for `userId` until `ringMs` passes, then calls `onTimeout` (unless removed first). */
  add(callId: string, userId: string, now: number, ringMs: number, sequential: boolean, onTimeout: () => unknown): void {
    let m = this.ringing.get(callId);
    if (!m) this.ringing.set(callId, (m = new Map()));
    m.set(userId, { expiresAt: now + ringMs, sequential });
    this.timers.set(ringKey(callId, userId), ringMs, onTimeout);
  }

  /** Ends one offer; false when it was not ringing. */
  remove(callId: string, userId: string): boolean {
    const m = this.ringing.get(callId);
    if (!m?.delete(userId)) return false;
    if (m.size === 0) this.ringing.delete(callId);
    this.timers.clear(ringKey(callId, userId));
    return true;
  }

  has(callId: string, userId: string): boolean {
    return this.ringing.get(callId)?.has(userId) ?? false;
  }

  forCall(callId: string): string[] {
    return [...(this.ringing.get(callId)?.keys() ?? [])];
  }

  expiresAt(callId: string, userId: string): number | null {
    return this.ringing.get(callId)?.get(userId)?.expiresAt ?? null;
  }

  callsRingingFor(userId: string): string[] {
    const out: string[] = [];
    for (const [callId, m] of this.ringing) if (m.has(userId)) out.push(callId);
    return out;
  }

  /** Specialists holding a one-at-a-time offer (longest-idle / rota). */
  ringingSequential(): Set<string> {
    const out = new Set<string>();
    for (const m of this.ringing.values()) for (const [userId, o] of m) if (o.sequential) out.add(userId);
    return out;
  }

  pass(callId: string, userId: string): void {
    let s = this.passedBy.get(callId);
    if (!s) this.passedBy.set(callId, (s = new Set()));
    s.add(userId);
  }

  /** A specialist who chose to be available again gets a fresh chance at calls they passed on. */
  unpassUser(userId: string): void {
    for (const s of this.passedBy.values()) s.delete(userId);
  }

  passed(callId: string): string[] {
    return [...(this.passedBy.get(callId) ?? [])];
  }

  /** Forgets every offer (their ring timers are the Timers' to clear): another process runs the engine now. */
  reset(): void {
    this.ringing.clear();
    this.passedBy.clear();
  }

  /** Forgets a call that stopped waiting, with its ring time-outs; returns who it was ringing for. */
  forget(callId: string): string[] {
    const users = this.forCall(callId);
    for (const userId of users) this.timers.clear(ringKey(callId, userId));
    this.ringing.delete(callId);
    this.passedBy.delete(callId);
    return users;
  }
}
