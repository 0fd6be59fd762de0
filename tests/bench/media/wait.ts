/** Small browser-side helpers shared by the two media flows. */

export const now = () => performance.now();

/** Polls `read` every `everyMs` until it yields a number > 0; resolves with the time it did. */
export function firstPositive(read: () => Promise<number | null>, timeoutMs: number, everyMs = 5): Promise<number> {
  const until = now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = async () => {
      const v = await read().catch(() => null);
      const t = now();
      if (v !== null && v > 0) return resolve(t);
      if (t > until) return reject(new Error(`no inbound audio within ${timeoutMs} ms`));
      setTimeout(poll, everyMs);
    };
    void poll();
  });
}

export function deferred<T>(): { promise: Promise<T>; resolve(v: T): void; reject(e: Error): void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Rejects after `ms` unless `p` settles first. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}
