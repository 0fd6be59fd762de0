import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { Data } from '../../../signaling/db/data.js';
import { tempDataForEach } from '../../support/temp-db.js';

// Data.transaction / durableTransaction on the store under test (SQLite, or PostgreSQL on its runs).
const t = tempDataForEach('oncall-durable-');

beforeEach(async () => {
  await sql`CREATE TABLE t (v INTEGER)`.execute(t.data.q());
});

const insert = (data: Data, v: number) => sql`INSERT INTO t (v) VALUES (${v})`.execute(data.q());
const values = async () => (await sql<{ v: number }>`SELECT v FROM t ORDER BY v`.execute(t.data.q())).rows.map((r) => r.v);
const tick = () => new Promise((r) => setTimeout(r, 20));

/** The test's store, whose durable() (the disk having every commit) resolves only when the test says so. */
function heldDisk() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const disk = { syncs: 0, release: () => release() };
  const data = new Data({
    dialect: t.data.dialect,
    db: t.data.q(),
    where: t.data.where,
    durable: () => (disk.syncs++, held),
    close: () => Promise.resolve(),
  });
  return { data, disk };
}

it('commits a durable transaction, then returns only once the disk has it', async () => {
  const { data, disk } = heldDisk();
  let returned = false;
  const done = data
    .durableTransaction(async () => {
      await insert(data, 1);
      return data.inTransaction();
    })
    .then((inside) => ((returned = true), inside));
  for (let i = 0; i < 100 && disk.syncs === 0; i++) await tick();
  expect(disk.syncs).toBe(1);
  expect(await values()).toEqual([1]); // committed: others see it …
  await tick();
  expect(returned).toBe(false); // … but not reported done before the disk has it
  disk.release();
  expect(await done).toBe(true);
});

it('rolls back, and waits for no disk, when the transaction throws', async () => {
  const { data, disk } = heldDisk();
  await expect(
    data.durableTransaction(async () => {
      await insert(data, 1);
      throw new Error('refused');
    }),
  ).rejects.toThrow('refused');
  expect(disk.syncs).toBe(0);
  expect(await values()).toEqual([]);
});

it('refuses to run inside another transaction, whose commit would decide durability', async () => {
  const { data, disk } = heldDisk();
  await expect(data.transaction(() => data.durableTransaction(async () => 1))).rejects.toThrow(/inside another transaction/);
  expect(disk.syncs).toBe(0);
});

it('transaction() commits, rolls back on a throw, and a nested one joins the transaction it runs in', async () => {
  const data = t.data;
  expect(await data.transaction(async () => (await insert(data, 1), 'done'))).toBe('done');
  expect(await values()).toEqual([1]);
  await expect(data.transaction(async () => (await insert(data, 2), fail()))).rejects.toThrow('refused');
  expect(await values()).toEqual([1]);
  // The inner transaction's write is the outer's: a throw out of the outer one undoes both.
  await expect(
    data.transaction(async () => {
      await insert(data, 3);
      await data.transaction(async () => {
        expect(data.inTransaction()).toBe(true);
        await insert(data, 4);
      });
      fail();
    }),
  ).rejects.toThrow('refused');
  expect(await values()).toEqual([1]);
  await data.transaction(async () => {
    await insert(data, 3);
    await data.transaction(() => insert(data, 4));
  });
  expect(await values()).toEqual([1, 3, 4]);
  expect(data.inTransaction()).toBe(false);
});

it('a timer started inside a transaction that outlives it uses the pool, not the finished transaction', async () => {
  const data = t.data;
  const later = new Promise<boolean>((resolve, reject) => {
    void data.transaction(async () => {
      setTimeout(() => insert(data, 5).then(() => resolve(data.inTransaction()), reject), 30);
    });
  });
  expect(await later).toBe(false);
  expect(await values()).toEqual([5]);
});

function fail(): never {
  throw new Error('refused');
}
