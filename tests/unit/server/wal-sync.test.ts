import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, openSqlite } from '../../../signaling/db/sqlite-store.js';
import { WalSync, type SyncFile } from '../../../signaling/db/wal-sync.js';
import { TEST_STORE } from '../../support/test-store.js';

/** A disk whose syncs finish only when the test says so. */
function heldDisk() {
  const syncs: { path: string; what: string; done(): void; fail(err: Error): void }[] = [];
  const syncFile: SyncFile = (path, what) =>
    new Promise<void>((resolve, reject) => syncs.push({ path, what, done: resolve, fail: reject }));
  const dataSyncs = () => syncs.filter((s) => s.what === 'data');
  return { syncs, syncFile, dataSyncs };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const state = (p: Promise<unknown>) => {
  const s = { settled: false as boolean | 'rejected' };
  p.then(() => (s.settled = true), () => (s.settled = 'rejected'));
  return s;
};

// The SQLite store's -wal syncing: nothing here depends on the run's store, so the SQLite run alone tests it.
describe.skipIf(TEST_STORE === 'postgres')('WalSync', () => {
  it('syncs the folder once, then the -wal file, and resolves only when the disk has', async () => {
    const disk = heldDisk();
    const wal = new WalSync('/data/oncall.sqlite', disk.syncFile);
    const first = state(wal.flushed());
    await tick();
    expect(disk.syncs.map((s) => [s.path, s.what])).toEqual([['/data', 'folder']]);
    disk.syncs[0]!.done();
    await tick();
    expect(disk.syncs.map((s) => [s.path, s.what])).toEqual([['/data', 'folder'], ['/data/oncall.sqlite-wal', 'data']]);
    expect(first.settled).toBe(false);
    disk.syncs[1]!.done();
    await tick();
    expect(first.settled).toBe(true);

    const second = state(wal.flushed());
    await tick();
    expect(disk.syncs.slice(2).map((s) => s.what)).toEqual(['data']); // the folder is not synced again
    disk.syncs[2]!.done();
    await tick();
    expect(second.settled).toBe(true);
  });

  it('makes a commit that arrives during a sync wait for the next one, which covers all such commits at once', async () => {
    const disk = heldDisk();
    const wal = new WalSync('/d/db', disk.syncFile);
    void wal.flushed();
    await tick();
    disk.syncs[0]!.done(); // folder
    await tick();
    // Three commits while the first -wal sync is under way: it may have started before they were written.
    const late = [state(wal.flushed()), state(wal.flushed()), state(wal.flushed())];
    disk.dataSyncs()[0]!.done();
    await tick();
    expect(late.map((s) => s.settled)).toEqual([false, false, false]);
    expect(disk.dataSyncs()).toHaveLength(2);
    disk.dataSyncs()[1]!.done();
    await tick();
    expect(late.map((s) => s.settled)).toEqual([true, true, true]);
    expect(disk.dataSyncs()).toHaveLength(2);
  });

  it('rejects the waiters of a failed sync, and the next commit gets a sync of its own', async () => {
    const disk = heldDisk();
    const wal = new WalSync('/d/db', disk.syncFile);
    const failed = wal.flushed();
    const failedState = state(failed);
    await tick();
    disk.syncs[0]!.done();
    await tick();
    disk.dataSyncs()[0]!.fail(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    await expect(failed).rejects.toThrow('EIO');
    expect(failedState.settled).toBe('rejected');
    const next = state(wal.flushed());
    await tick();
    disk.syncs.at(-1)!.done();
    await tick();
    expect(next.settled).toBe(true);
  });

  it('falls back to the main file when there is no -wal (checkpointed and removed)', async () => {
    const disk = heldDisk();
    const wal = new WalSync('/d/db', disk.syncFile);
    const done = state(wal.flushed());
    await tick();
    disk.syncs[0]!.done();
    await tick();
    disk.dataSyncs()[0]!.fail(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
    await tick();
    expect(disk.dataSyncs().map((s) => s.path)).toEqual(['/d/db-wal', '/d/db']);
    disk.dataSyncs()[1]!.done();
    await tick();
    expect(done.settled).toBe(true);
  });

  describe('on a real database', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('syncs the real -wal file, and the main file once the -wal is gone', async () => {
      dir = mkdtempSync(join(tmpdir(), 'oncall-walsync-'));
      // The store as the server opens it, without the checkpoint worker (which holds a connection of its own).
      const { driver } = openSqlite(dir, { checkpoints: false });
      await sql`CREATE TABLE t (v INTEGER)`.execute(driver.db);
      await sql`INSERT INTO t VALUES (1)`.execute(driver.db);
      const wal = new WalSync(join(dir, DB_FILE));
      await expect(wal.flushed()).resolves.toBeUndefined();
      await driver.close(); // the last connection checkpoints and removes the -wal
      await expect(wal.flushed()).resolves.toBeUndefined();
      await expect(new WalSync(join(dir, 'missing', 'db')).flushed()).rejects.toThrow(/ENOENT/);
    });
  });
});
