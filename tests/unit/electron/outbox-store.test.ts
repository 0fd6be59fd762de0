import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxItem } from '../../../electron/bridge-contract.js';
import { createOutboxStore, OUTBOX_STORE_OPTIONS, type OutboxData } from '../../../electron/outbox-store.js';
import { openConfStore } from './conf-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oncall-outbox-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const open = () => createOutboxStore(openConfStore<OutboxData>(dir, { ...OUTBOX_STORE_OPTIONS }), { warn: vi.fn() });
const advice = (queuedAt: number, outcomeId = randomUUID()): OutboxItem => ({
  kind: 'advice',
  authorId: 'u-dr-patel',
  queuedAt,
  payload: { outcomeId, callId: 'call-1', code: 'ADVICE_MANAGE_IN_PLACE', note: 'Start bisoprolol', enteredAt: queuedAt },
});
const patient = (queuedAt: number): OutboxItem => ({
  kind: 'patient',
  authorId: 'u-nurse-ali',
  queuedAt,
  payload: { outcomeId: randomUUID(), callId: 'call-2', code: 'OTHER', note: 'Seen in clinic', enteredAt: queuedAt },
});

describe('durable outbox', () => {
  it('keeps outcomes across a restart, oldest first, until removed', () => {
    const a = advice(2000);
    const b = patient(1000);
    const outbox = open();
    outbox.put(a);
    outbox.put(b);
    // "Restart": a new store instance reads the same file.
    expect(open().list()).toEqual([b, a]);
    open().remove(b.payload.outcomeId);
    expect(open().list()).toEqual([a]);
  });

  it('putting the same outcome again keeps one copy; removing an unknown id is harmless', () => {
    const a = advice(1000);
    const outbox = open();
    outbox.put(a);
    outbox.put(a);
    outbox.remove(randomUUID());
    expect(outbox.list()).toEqual([a]);
  });

  it('refuses an invalid item without touching what is queued', () => {
    const a = advice(1000);
    const outbox = open();
    outbox.put(a);
    expect(() => outbox.put({ ...a, payload: { ...a.payload, outcomeId: 'not-a-uuid' } })).toThrow();
    expect(() => outbox.put({ kind: 'advice' })).toThrow();
    expect(open().list()).toEqual([a]);
  });

  it('refuses an author that is not a user id', () => {
    const a = advice(1000);
    expect(() => open().put({ ...a, authorId: '../other user' })).toThrow();
    expect(() => open().put({ ...a, authorId: '' })).toThrow();
    expect(open().list()).toEqual([]);
  });

  it('still lists an item written before items named their author (it is not quarantined)', async () => {
    const { authorId: _none, ...legacy } = advice(1000);
    const file = join(dir, 'outbox.json');
    await writeFile(file, JSON.stringify({ items: { [legacy.payload.outcomeId]: legacy }, quarantine: [] }));
    expect(open().list()).toEqual([legacy]);
    expect(JSON.parse(await readFile(file, 'utf8')).quarantine).toEqual([]);
  });

  it('moves unreadable entries to quarantine instead of dropping them', async () => {
    const a = advice(1000);
    open().put(a);
    const file = join(dir, 'outbox.json');
    const raw = JSON.parse(await readFile(file, 'utf8'));
    raw.items['hand-edited'] = { kind: 'advice', payload: { note: 'partial' } };
    await writeFile(file, JSON.stringify(raw));

    expect(open().list()).toEqual([a]);
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(after.items)).toEqual([a.payload.outcomeId]);
    expect(after.quarantine).toEqual([{ kind: 'advice', payload: { note: 'partial' } }]);
  });
});
