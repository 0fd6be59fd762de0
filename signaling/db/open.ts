import { Data } from './data.js';
import type { CheckpointReport } from './checkpointer.js';
import { openPostgres } from './postgres-store.js';
import { openSqlite } from './sqlite-store.js';
import type { SyncFile } from './wal-sync.js';

export interface StoreOptions {
  /** Folder of the embedded SQLite file (the default store). */
  dataDir: string;
  /** postgres://… : use PostgreSQL instead (several server processes may share it). */
  databaseUrl?: string;
  /** SQLite: how the -wal file is flushed before an outcome is acknowledged (tests hold it back). */
  syncFile?: SyncFile;
  onCheckpoint?: (r: CheckpointReport) => void;
  onPoolError?: (err: Error) => void;
}

/** Opens and migrates the configured store. */
export async function openData(opts: StoreOptions): Promise<{ data: Data; applied: string[] }> {
  const { driver, applied } = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl, { onError: opts.onPoolError })
    : openSqlite(opts.dataDir, { syncFile: opts.syncFile, onCheckpoint: opts.onCheckpoint });
  return { data: new Data(driver), applied };
}
