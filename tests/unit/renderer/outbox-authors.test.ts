import { describe, expect, it } from 'vitest';
import { RequestError } from '../../../renderer/net/connection.js';
import { outcomeForCall, refusals, unsentCount } from '../../../renderer/stores/outbox.js';
import { adviceItem, AUTHOR, MemoryStorage, patientItem } from './fakes.js';
import { id, outboxHarness } from './outbox-harness.js';

/**
 * A shared ward PC: one outbox (localStorage / electron-store) holds outcomes of several users.
 * Each session sends, counts and shows only its own user's; the others wait for their author.
 */
const OTHER = 'u-dr-shah';
const offline = () => new RequestError('disconnected', 'Not connected');

/** User A leaves an unsent outcome on the device and signs out; returns the storage and the item. */
async function leftBehindByA() {
  const local = new MemoryStorage();
  const a = outboxHarness(local, AUTHOR);
  const item = adviceItem();
  a.script.push(offline());
  await a.store.getState().record(item);
  await a.settled();
  a.store.getState().setAuthor(null); // signed out
  return { local, item, a };
}

describe('outbox on a shared PC', () => {
  it("the next user's session neither sends nor shows the previous user's outcome, and keeps it", async () => {
    const { local, item } = await leftBehindByA();

    const b = outboxHarness(local, OTHER); // the app starts again; B signs in
    await b.store.getState().load();
    await b.store.getState().flush({ includeRejected: true }); // B's session:ready
    expect(b.sent).toEqual([]);
    const mine = patientItem(undefined, OTHER);
    await b.store.getState().record(mine);
    await b.settled();
    expect(b.sent).toEqual([id(mine)]);

    const s = b.store.getState();
    expect(unsentCount(s)).toBe(0);
    expect(refusals(s)).toEqual({ count: 0, reason: null });
    expect(outcomeForCall(s, item.payload.callId, 'advice')).toBeNull();
    expect(await b.storedIds()).toEqual([id(item)]); // untouched, never deleted

    // A signs in again on the same device: now it goes.
    s.setAuthor(AUTHOR);
    expect(unsentCount(b.store.getState())).toBe(1);
    await b.store.getState().flush({ includeRejected: true });
    expect(b.sent).toEqual([id(mine), id(item)]);
    expect(await b.storedIds()).toEqual([]);
  });

  it("a retry scheduled in A's session does not send A's outcome once B is signed in", async () => {
    const { a, item } = await leftBehindByA();
    expect(a.timers).toHaveLength(1);
    a.store.getState().setAuthor(OTHER);
    a.timers.shift()!.fn();
    await a.settled();
    expect(a.sent).toEqual([id(item)]); // only A's own first attempt
    expect(a.store.getState().entries[id(item)]?.status).toBe('pending');
    expect(unsentCount(a.store.getState())).toBe(0);
  });

  it('sends nothing while nobody is signed in', async () => {
    const { local } = await leftBehindByA();
    const nobody = outboxHarness(local, null);
    await nobody.store.getState().load();
    await nobody.store.getState().flush({ includeRejected: true });
    expect(nobody.sent).toEqual([]);
    expect(unsentCount(nobody.store.getState())).toBe(0);
  });

  it('refuses to record an outcome for someone other than the signed-in user, and writes nothing', async () => {
    const h = outboxHarness(new MemoryStorage(), OTHER);
    await expect(h.store.getState().record(adviceItem())).rejects.toThrow(/signed-in user/);
    await expect(outboxHarness(new MemoryStorage(), null).store.getState().record(adviceItem())).rejects.toThrow();
    expect(h.events).toEqual([]);
    expect(await h.storedIds()).toEqual([]);
  });
});

describe('outbox items written before they named their author', () => {
  /** localStorage as the previous version left it: items without authorId. */
  function legacyStorage(...items: ReturnType<typeof adviceItem>[]) {
    const local = new MemoryStorage();
    local.setItem('oncall.outbox.v1', JSON.stringify(items));
    return local;
  }

  it('are loaded, not dropped, and sent by whoever signs in', async () => {
    const old = adviceItem(undefined, null);
    expect(old).not.toHaveProperty('authorId');
    const h = outboxHarness(legacyStorage(old), AUTHOR);
    await h.store.getState().load();
    expect(Object.keys(h.store.getState().entries)).toEqual([id(old)]);
    await h.store.getState().flush({ includeRejected: true });
    expect(h.sent).toEqual([id(old)]);
    expect(await h.storedIds()).toEqual([]);
  });

  it("one refused in a user's session is kept, not shown to that user, and offered again in the next session", async () => {
    const old = adviceItem(undefined, null);
    const local = legacyStorage(old);
    const b = outboxHarness(local, OTHER);
    await b.store.getState().load();
    b.script.push(new RequestError('forbidden', 'Only the specialist who answered can record the advice outcome of this call.'));
    await b.store.getState().flush({ includeRejected: true });
    expect(b.store.getState().entries[id(old)]?.status).toBe('rejected');
    expect(refusals(b.store.getState())).toEqual({ count: 0, reason: null }); // not B's to worry about
    expect(unsentCount(b.store.getState())).toBe(0);
    expect(await b.storedIds()).toEqual([id(old)]);

    b.store.getState().setAuthor(AUTHOR); // its real author signs in on this device
    await b.store.getState().flush({ includeRejected: true });
    expect(b.sent).toEqual([id(old), id(old)]);
    expect(await b.storedIds()).toEqual([]);
  });
});
