import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checkpointer, type CheckpointReport } from '../../../signaling/db/checkpointer.js';
import { DB_FILE } from '../../../signaling/db/sqlite-store.js';
import { TEST_STORE } from '../../support/test-store.js';


// SQLite only by nature (the checkpoint worker is the SQLite store's) and independent of the run's
// store: the SQLite run alone tests it.
describe.skipIf(TEST_STORE === 'postgres')('Checkpointer', () => {
  /** A SQLite file opened as sqlite-store.ts opens the server's (WAL, synchronous NORMAL), without its checkpoint worker. */
  function openWal(file: string): Database.Database {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return db;
  }

  let dir: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oncall-ckpt-'));
    db = openWal(join(dir, DB_FILE));
    db.exec('CREATE TABLE blob (v BLOB)');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const autocheckpoint = () => db.pragma('wal_autocheckpoint', { simple: true });
  const writePages = (pages: number) => {
    const insert = db.prepare('INSERT INTO blob VALUES (randomblob(4000))');
    db.transaction(() => {
      for (let i = 0; i < pages; i++) insert.run();
    })();
  };
  const walBytes = () => statSync(`${db.name}-wal`).size;

  async function until(reports: CheckpointReport[], ok: (r: CheckpointReport) => boolean, ms = 8000) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (reports.some(ok)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no such checkpoint report within ${ms} ms: ${JSON.stringify(reports.slice(-3))}`);
  }

  it('takes checkpoints off the server connection and runs them on its own, until stopped', async () => {
    const reports: CheckpointReport[] = [];
    const cp = Checkpointer.start(db, { intervalMs: 50, onReport: (r) => reports.push(r) });
    expect(autocheckpoint()).toBe(0);

    writePages(3000); // three times what SQLite's own checkpoint would have let through
    await until(reports, (r) => r.ok && r.log >= 3000 && r.checkpointed === r.log);

    // Everything was copied, so the writer starts the -wal afresh instead of growing it.
    const before = walBytes();
    writePages(100);
    expect(walBytes()).toBe(before);
    expect(db.prepare('SELECT count(*) FROM blob').pluck().get()).toBe(3100);

    await cp.stop();
    expect(autocheckpoint()).toBe(1000);
  });

  it('gives checkpoints back to SQLite if the worker dies', async () => {
    const reports: CheckpointReport[] = [];
    const cp = Checkpointer.start(db, { intervalMs: 50, onReport: (r) => reports.push(r) });
    await until(reports, (r) => r.ok);
    // Reaching into the worker is the only way to make it die here.
    await (cp as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await until(reports, (r) => !r.ok && /exited/.test(r.error));
    expect(autocheckpoint()).toBe(1000);
  });

  it('keeps a process with nothing else to do alive until its last checkpoint is done', () => {
    // A server shutting down has closed its sockets: stop() must not let the process exit under it.
    const src = (f: string) => fileURLToPath(new URL(`../../../signaling/db/${f}`, import.meta.url));
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const script = `
      import Database from ${JSON.stringify(driver)};
      import { Checkpointer } from ${JSON.stringify(src('checkpointer.ts'))};
      const db = new Database(${JSON.stringify(join(dir, 'child.sqlite'))});
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE t (v)');
      const cp = Checkpointer.start(db, { intervalMs: 50 });
      await cp.stop();
      db.close();
      console.log('closed');`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out.trim()).toBe('closed');
  });
});
