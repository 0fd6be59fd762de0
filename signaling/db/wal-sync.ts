import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Flushes one file (or folder) to stable storage. */
export type SyncFile = (path: string, what: 'data' | 'folder') => Promise<void>;

/**
 * Durability without holding up the event loop. In WAL mode with synchronous=NORMAL a commit writes
 * its pages to the -wal file but does not wait for the disk; a power cut (not a crash of this
 * process) could lose it. A write whose acknowledgement lets someone forget their own copy (an
 * outcome leaves the client's outbox) commits as usual, then awaits flushed(): the -wal file is
 * fdatasync'ed on libuv's thread pool, so the server keeps routing calls while the disk works, and
 * one sync covers every commit made before it started (group commit). SQLite's recovery replays
 * every committed transaction found in a synced -wal; a checkpoint syncs the main file itself
 * before the -wal is reused, so a commit already checkpointed is on disk either way.
 */
export class WalSync {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private folderSynced = false;

  constructor(
    /** The database file; its -wal sits beside it. */
    private readonly dbPath: string,
    private readonly syncFile: SyncFile = fsyncPath,
  ) {}

  /** Resolves once every transaction committed before this call is on disk; rejects if the disk said no. */
  flushed(): Promise<void> {
    if (!this.running) return this.start();
    // A sync under way may have started before our commit reached the file: the next one covers it.
    this.queued ??= this.running.catch(() => undefined).then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<void> {
    const round = this.sync().finally(() => {
      if (this.running === round) this.running = null;
    });
    this.running = round;
    return round;
  }

  private async sync(): Promise<void> {
    // The folder once, so the -wal file's own name survives a power cut too.
    if (!this.folderSynced) {
      await this.syncFile(dirname(this.dbPath), 'folder');
      this.folderSynced = true;
    }
    try {
      await this.syncFile(`${this.dbPath}-wal`, 'data');
    } catch (err) {
      // No -wal: it was checkpointed into the main file and removed; that checkpoint synced the main
      // file, which is synced again here to be sure.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await this.syncFile(this.dbPath, 'data');
    }
  }
}

async function fsyncPath(path: string, what: 'data' | 'folder'): Promise<void> {
  const handle = await open(path, what === 'folder' ? 'r' : 'r+');
  try {
    await (what === 'folder' ? handle.sync() : handle.datasync());
  } finally {
    await handle.close();
  }
}
