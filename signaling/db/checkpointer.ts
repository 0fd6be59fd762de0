import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** What one checkpoint did (SQLite's wal_checkpoint result), or why it failed. */
export type CheckpointReport = { ok: true; busy: number; log: number; checkpointed: number } | { ok: false; error: string };

/** The worker's code: plain JavaScript, so it runs the same under tsx, vitest and a bundle. */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
const run = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, busy: r.busy, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String(err && err.message || err) });
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort.postMessage('stopped');
});
`;

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever
 * commit takes the -wal past 1000 pages: it copies them into the main file and syncs it, and on a
 * real disk that holds up every socket for milliseconds, several times a second under load. The
 * server's connection turns it off; a worker thread with its own connection runs a PASSIVE
 * checkpoint (which never waits for, or blocks, the writer) every intervalMs, and the writer
 * starts the -wal afresh once a checkpoint has caught up with it.
 */
export class Checkpointer {
  private readonly stopped: Promise<void>;
  private stopping = false;

  private constructor(
    private readonly db: Db,
    private readonly worker: Worker,
    onReport: (r: CheckpointReport) => void,
  ) {
    this.stopped = new Promise((resolve) => {
      worker.on('message', (m) => m === 'stopped' && resolve());
      worker.once('exit', () => {
        resolve();
        if (this.stopping || !db.open) return;
        // The worker died: SQLite checkpoints by itself again rather than let the -wal grow.
        db.pragma('wal_autocheckpoint = 1000');
        onReport({ ok: false, error: 'checkpoint worker exited; automatic checkpoints are back on' });
      });
    });
  }

  static start(db: Db, opts: { intervalMs: number; onReport?: (r: CheckpointReport) => void }): Checkpointer {
    const onReport = opts.onReport ?? (() => undefined);
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file: db.name, intervalMs: opts.intervalMs },
    });
    worker.on('message', (m: CheckpointReport | 'stopped') => m !== 'stopped' && onReport(m));
    worker.on('error', (err) => onReport({ ok: false, error: err.message }));
    worker.unref();
    db.pragma('wal_autocheckpoint = 0');
    // Once the -wal restarts, give back what a burst made it grow to beyond this.
    db.pragma(`journal_size_limit = ${32 * 1024 * 1024}`);
    return new Checkpointer(db, worker, onReport);
  }

  /** A last checkpoint, then the worker ends; the server's connection checkpoints by itself again. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.worker.ref(); // keep the process alive until the worker has finished its last checkpoint
    this.worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.stopped, new Promise((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
    await this.worker.terminate();
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}
