import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { durableTransaction, openDatabase, transaction, type Db } from '../../../signaling/db/database.js';

const FULL = 2;
const NORMAL = 1;
let dir: string;
let db: Db;
const synchronous = () => db.pragma('synchronous', { simple: true });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oncall-durable-'));
  db = openDatabase(dir).db;
  db.exec('CREATE TABLE t (v INTEGER)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('commits everyday writes with NORMAL and a durable transaction with FULL, then goes back', () => {
  expect(synchronous()).toBe(NORMAL);
  const seenInside = durableTransaction(db, () => {
    db.prepare('INSERT INTO t VALUES (1)').run();
    return synchronous();
  });
  expect(seenInside).toBe(FULL);
  expect(synchronous()).toBe(NORMAL);
  expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
});

it('rolls back and restores NORMAL when the transaction throws', () => {
  expect(() =>
    durableTransaction(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      throw new Error('refused');
    }),
  ).toThrow('refused');
  expect(synchronous()).toBe(NORMAL);
  expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
});

it('refuses to run inside another transaction, whose commit would decide durability', () => {
  expect(() => db.transaction(() => durableTransaction(db, () => 1))()).toThrow(/inside another transaction/);
  expect(synchronous()).toBe(NORMAL);
});

it('transaction() commits, rolls back on a throw, and nests as a savepoint', () => {
  const count = () => db.prepare('SELECT count(*) FROM t').pluck().get();
  expect(transaction(db, () => (db.prepare('INSERT INTO t VALUES (1)').run(), 'done'))).toBe('done');
  expect(count()).toBe(1);
  expect(() => transaction(db, () => (db.prepare('INSERT INTO t VALUES (2)').run(), fail()))).toThrow('refused');
  expect(count()).toBe(1);
  transaction(db, () => {
    db.prepare('INSERT INTO t VALUES (3)').run();
    expect(() => transaction(db, () => (db.prepare('INSERT INTO t VALUES (4)').run(), fail()))).toThrow('refused');
    expect(db.inTransaction).toBe(true);
  });
  expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual([1, 3]);
});

function fail(): never {
  throw new Error('refused');
}
