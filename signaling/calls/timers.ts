import type { Operations } from './operations.js';

/** Named one-shot timers: setting a key again replaces its timer; close() clears them all. */
export class Timers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly onError: (err: unknown, key: string) => void,
    private readonly operations: Operations,
  ) {}

  set(key: string, delayMs: number, fn: () => unknown): void {
    if (this.closed) return;
    this.clear(key);
    const t = setTimeout(() => {
      this.timers.delete(key);
      // A handler's failure, thrown or rejected, is logged: never out of the process.
      this.operations.run(fn).catch((err: unknown) => this.onError(err, key));
    }, Math.max(0, delayMs));
    t.unref?.();
    this.timers.set(key, t);
  }

  clear(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  has(key: string): boolean {
    return this.timers.has(key);
  }

  /** Clears every timer; new ones may be set. */
  reset(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  close(): void {
    this.closed = true;
    this.reset();
  }
}
