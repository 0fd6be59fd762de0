import type { Data } from '../db/data.js';

export type ChosenStatus = 'available' | 'away';

interface Entry {
  sessionId: string | null;
  sockets: Set<string>;
  chosen: ChosenStatus;
  idleSince: number;
  grace: NodeJS.Timeout | null;
  /** `status|sessionId` this process last stored for the user; null until it stores one. */
  saved: string | null;
}

/**
 * Who is connected, with what chosen status. When a user's last socket drops they stay present
 * for the grace period (a laptop blip keeps its ringing or connected call); after it, `onGone`.
 */
export class PresenceRegistry {
  private readonly entries = new Map<string, Entry>();
  private goneListener: (userId: string) => unknown = () => undefined;

  constructor(
    private readonly data: Data,
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Who ends a user's calls when they are gone (past the grace period, or signed out). */
  onGone(listener: (userId: string) => unknown): void {
    this.goneListener = listener;
  }

  /** A socket joined. `resumed`: the user was still present (within grace or another tab). */
  async attach(userId: string, sessionId: string, socketId: string): Promise<{ resumed: boolean }> {
    // Read first: no await may come between looking at the entries and changing them below.
    const restored = this.entries.has(userId) ? null : await this.restoredStatus(userId, sessionId);
    const existing = this.entries.get(userId);
    if (existing) {
      if (existing.grace) clearTimeout(existing.grace);
      existing.grace = null;
      const resumed = existing.sockets.size > 0 || existing.sessionId !== null;
      existing.sockets.add(socketId);
      existing.sessionId ??= sessionId;
      return { resumed };
    }
    this.entries.set(userId, {
      sessionId,
      sockets: new Set([socketId]),
      chosen: restored ?? 'away', // not reached with null: no entry means it was read above
      idleSince: this.now(),
      grace: null,
      saved: null,
    });
    return { resumed: false };
  }

  detach(userId: string, socketId: string): void {
    const e = this.entries.get(userId);
    if (!e || !e.sockets.delete(socketId) || e.sockets.size > 0) return;
    this.startGrace(userId, e);
  }

  /** After a restart: a party of a live call is expected back within the grace period. */
  async expect(userId: string): Promise<void> {
    if (this.entries.has(userId)) return;
    const chosen = await this.restoredStatus(userId, null);
    if (this.entries.has(userId)) return;
    const e: Entry = { sessionId: null, sockets: new Set(), chosen, idleSince: this.now(), grace: null, saved: null };
    this.entries.set(userId, e);
    this.startGrace(userId, e);
  }

  /** Signed out: gone now, no grace. */
  drop(userId: string): void {
    const e = this.entries.get(userId);
    if (!e) return;
    if (e.grace) clearTimeout(e.grace);
    this.entries.delete(userId);
    this.goneListener(userId);
  }

  isPresent(userId: string): boolean {
    return this.entries.has(userId);
  }

  /** Has at least one connected socket (not just within the grace period). */
  isLive(userId: string): boolean {
    return (this.entries.get(userId)?.sockets.size ?? 0) > 0;
  }

  chosen(userId: string): ChosenStatus | null {
    return this.entries.get(userId)?.chosen ?? null;
  }

  async setChosen(userId: string, status: ChosenStatus): Promise<void> {
    const e = this.entries.get(userId);
    if (!e) return;
    if (status === 'available' && e.chosen !== 'available') e.idleSince = this.now();
    e.chosen = status;
    // Setting the status it already has (every outcome recorded sets the specialist available again)
    // is not stored again: on a disk that syncs every commit, that write was a whole commit per call.
    const saved = `${status}|${e.sessionId ?? ''}`;
    if (e.saved === saved) return;
    e.saved = saved;
    const row = { user_id: userId, status, session_id: e.sessionId, changed_at: this.now() };
    await this.data
      .q()
      .insertInto('presence')
      .values(row)
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ status: row.status, session_id: row.session_id, changed_at: row.changed_at }))
      .execute();
  }

  idleSince(userId: string): number {
    return this.entries.get(userId)?.idleSince ?? Number.MAX_SAFE_INTEGER;
  }

  markIdle(userId: string): void {
    const e = this.entries.get(userId);
    if (e) e.idleSince = this.now();
  }

  close(): void {
    for (const e of this.entries.values()) if (e.grace) clearTimeout(e.grace);
    this.entries.clear();
  }

  private startGrace(userId: string, e: Entry): void {
    if (e.grace) clearTimeout(e.grace);
    e.grace = setTimeout(() => {
      if (this.entries.get(userId) !== e || e.sockets.size > 0) return;
      this.entries.delete(userId);
      this.goneListener(userId);
    }, this.graceMs);
    e.grace.unref?.();
  }

  /** The stored choice survives a restart or a long disconnect of the same session; a new sign-in starts away. */
  private async restoredStatus(userId: string, sessionId: string | null): Promise<ChosenStatus> {
    const row = await this.data.q().selectFrom('presence').select(['status', 'session_id']).where('user_id', '=', userId).executeTakeFirst();
    if (!row) return 'away';
    if (sessionId === null || row.session_id === sessionId) return row.status as ChosenStatus;
    return 'away';
  }
}
