/**
 * Counts the client events and timer handlers being worked on. The publisher sends queue lists
 * when the last operation in flight ends, before that operation's reply: one request's several
 * commits (the call placed, then rung) make one list at most — a store that answers across turns
 * of the event loop (PostgreSQL) would otherwise let a list go out between them — and a client
 * that gets its reply has already been sent the lists its request changed.
 */
export class Operations {
  private active = 0;
  private readonly idle = new Set<() => Promise<void>>();

  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    this.active++;
    try {
      return await fn();
    } finally {
      if (--this.active === 0) await Promise.all([...this.idle].map((listener) => listener()));
    }
  }

  get busy(): boolean {
    return this.active > 0;
  }

  /** Awaited each time the last operation in flight ends (listeners must not throw). */
  onIdle(listener: () => Promise<void>): void {
    this.idle.add(listener);
  }
}
