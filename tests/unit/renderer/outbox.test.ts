import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../renderer/net/connection.js';
import { retryDelay, unsentCount, RETRY_MAX_MS } from '../../../renderer/stores/outbox.js';
import { adviceItem, MemoryStorage, patientItem } from './fakes.js';
import { id, outboxHarness } from './outbox-harness.js';

const harness = (local?: MemoryStorage) => outboxHarness(local);

describe('outbox', () => {
  it('writes durably before sending and removes only after the ack', async () => {
    const h = harness();
    const item = adviceItem();
    await h.store.getState().record(item);
    await h.settled();
    expect(h.events).toEqual([`put ${id(item)}`, `send ${id(item)}`, `remove ${id(item)}`]);
    expect(h.store.getState().entries[id(item)]?.status).toBe('stored');
    expect(await h.platform.outbox.list()).toEqual([]);
  });

  it('treats a duplicate ack as stored', async () => {
    const h = harness();
    const item = patientItem();
    h.script.push({ outcomeId: id(item), duplicate: true });
    await h.store.getState().record(item);
    await h.settled();
    expect(h.store.getState().entries[id(item)]?.status).toBe('stored');
    expect(await h.platform.outbox.list()).toEqual([]);
  });

  it('keeps the outcome while the server is unreachable and sends it on the next flush', async () => {
    const h = harness();
    const item = adviceItem();
    h.script.push(new RequestError('disconnected', 'Not connected'));
    await h.store.getState().record(item);
    await h.settled();
    expect(h.store.getState().entries[id(item)]?.status).toBe('pending');
    expect(await h.platform.outbox.list()).toEqual([item]);
    expect(unsentCount(h.store.getState())).toBe(1);
    expect(h.timers).toHaveLength(1); // a retry is scheduled

    await h.store.getState().flush(); // reconnect
    expect(h.store.getState().entries[id(item)]?.status).toBe('stored');
    expect(await h.platform.outbox.list()).toEqual([]);
    expect(unsentCount(h.store.getState())).toBe(0);
  });

  it('retries after an ack time-out with growing back-off', async () => {
    const h = harness();
    const item = adviceItem();
    h.script.push(new RequestError('timeout', 'slow'), new RequestError('timeout', 'slow'));
    await h.store.getState().record(item);
    await h.settled();
    expect(h.timers.map((t) => t.ms)).toEqual([retryDelay(1)]);
    h.timers.shift()!.fn();
    await h.settled();
    expect(h.timers.map((t) => t.ms)).toEqual([retryDelay(2)]);
    h.timers.shift()!.fn();
    await h.settled();
    expect(h.sent).toEqual([id(item), id(item), id(item)]);
    expect(h.store.getState().entries[id(item)]?.status).toBe('stored');
    expect(retryDelay(2)).toBeGreaterThan(retryDelay(1));
    expect(retryDelay(50)).toBe(RETRY_MAX_MS);
  });

  it('keeps a refused outcome, does not hammer the server, and retries it on the next connection', async () => {
    const h = harness();
    const item = adviceItem();
    h.script.push(new RequestError('forbidden', 'not your call'));
    await h.store.getState().record(item);
    await h.settled();
    expect(h.store.getState().entries[id(item)]).toMatchObject({ status: 'rejected', error: 'not your call' });
    expect(h.timers).toHaveLength(0);
    await h.store.getState().flush(); // a plain retry skips it
    expect(h.sent).toHaveLength(1);
    expect(await h.platform.outbox.list()).toEqual([item]);
    await h.store.getState().flush({ includeRejected: true }); // session:ready
    expect(h.sent).toHaveLength(2);
    expect(h.store.getState().entries[id(item)]?.status).toBe('stored');
  });

  it('after an app restart, loads what the last run left and sends it oldest first', async () => {
    const local = new MemoryStorage();
    const before = harness(local);
    const newer = adviceItem(2000);
    const older = patientItem(1000);
    before.script.push(new RequestError('disconnected', 'x'), new RequestError('disconnected', 'x'));
    await before.store.getState().record(newer);
    await before.settled();
    await before.store.getState().record(older);
    await before.settled();

    const after = harness(local); // the app starts again on the same storage
    await after.store.getState().load();
    expect(unsentCount(after.store.getState())).toBe(2);
    await after.store.getState().flush({ includeRejected: true });
    expect(after.sent).toEqual([id(older), id(newer)]);
    expect(await after.platform.outbox.list()).toEqual([]);
  });

  it('reports a failed durable write and sends nothing', async () => {
    const local = new MemoryStorage();
    const h = harness(local);
    local.full = true;
    await expect(h.store.getState().record(adviceItem())).rejects.toThrow();
    expect(h.sent).toEqual([]);
    expect(h.store.getState().entries).toEqual({});
  });

  it('does not send the same outcome twice at once', async () => {
    const h = harness();
    const item = adviceItem();
    h.script.push(new RequestError('disconnected', 'x'));
    await h.store.getState().record(item);
    await h.settled();
    await Promise.all([h.store.getState().flush(), h.store.getState().flush()]);
    expect(h.sent).toEqual([id(item), id(item)]);
  });
});
