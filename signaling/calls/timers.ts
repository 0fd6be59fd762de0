/** Named one-shot timers: setting a key again replaces its timer; close() clears them all. */
export class Timers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly onError: (err: unknown, key: string) => void) {}

  set(key: string, delayMs: number, fn: () => void): void {
    if (this.closed) return;
    this.clear(key);
    const t = setTimeout(() => {
      this.timers.delete(key);
      try {
        fn();
      } catch (err) {
        this.onError(err, key);
      }
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

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
