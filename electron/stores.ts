import { existsSync, renameSync } from 'node:fs';

/**
 * The slice of electron-store (a `conf` subclass) the main-process modules use. Injected so unit
 * tests can run the same modules on `conf` with a temp directory.
 */
export interface KeyValueStore<T extends Record<string, unknown>> {
  get<K extends keyof T>(key: K): T[K];
  set<K extends keyof T>(key: K, value: T[K]): void;
  delete<K extends keyof T>(key: K): void;
}

export interface StoreLog {
  error(message: string): void;
}

/**
 * Opens a store; when its file cannot be read (corrupt JSON, failed schema) the file is moved aside
 * with a timestamp, never deleted, so an outbox can still be recovered by hand, and a fresh store
 * is opened instead of crashing the app.
 */
export function openStoreSafely<S>(open: () => S, filePath: string, log: StoreLog, now: () => number = Date.now): S {
  try {
    return open();
  } catch (err) {
    const aside = `${filePath}.unreadable-${now()}`;
    if (existsSync(filePath)) renameSync(filePath, aside);
    log.error(`store ${filePath} could not be read (${(err as Error).message}); kept it as ${aside}`);
    return open();
  }
}
