import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SyncFile } from '../../signaling/db/wal-sync.js';
import { request, requestOk, signInAndConnect, waitForEvent } from '../support/clients.js';
import { availableSpecialist, callRequest, ringRecorder } from '../support/calls.js';
import { serverForFile } from '../support/test-server.js';
import { TEST_STORE } from '../support/test-store.js';

/** The server's disk: file syncs pass straight through unless the test holds them. */
let held: (() => void)[] | null = null;
let dataSyncs = 0;
const syncFile: SyncFile = async (_path, what) => {
  if (what !== 'data') return;
  dataSyncs++;
  if (held) await new Promise<void>((resolve) => held!.push(resolve));
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// SQLite only: what is held here is the fsync of SQLite's -wal file (WalSync). On PostgreSQL a commit
// is on disk once the server acknowledges it, so there is no later sync to wait for (and syncFile is unused).
describe.skipIf(TEST_STORE === 'postgres')('outcome durability on SQLite', () => {
  const t = serverForFile({ syncFile });
  const { sockets } = t;

  it('acknowledges an outcome, and a resend of it, only once the disk has it — while calls go on meanwhile', async () => {
    const patel = (await availableSpecialist(t.server.url, 'dr.patel')).socket;
    const shah = (await availableSpecialist(t.server.url, 'dr.shah')).socket;
    const caller = (await signInAndConnect(t.server.url, 'dr.wright')).socket;
    const other = (await signInAndConnect(t.server.url, 'gp.evans')).socket;
    sockets.push(patel, shah, caller, other);
    const rings = ringRecorder(patel);
    const call = await requestOk(caller, 'call:request', callRequest('line-cardiology'));
    await rings.for(call.id);
    await requestOk(patel, 'call:accept', { callId: call.id });
    await requestOk(patel, 'call:hangup', { callId: call.id, reason: 'normal' });

    held = [];
    const before = dataSyncs;
    const outcome = { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() };
    const closed = waitForEvent(caller, 'call:updated', (c) => c.id === call.id && c.state === 'closed');
    let acked = false;
    const ack = request(patel, 'outcome:advice', outcome).then((r) => ((acked = true), r));
    await closed; // committed: the caller already sees the call closed …
    await sleep(150);
    expect(acked).toBe(false); // … but the author is not told it is safe to forget it
    expect(dataSyncs).toBe(before + 1);

    // The server keeps working while the disk does: another call rings meanwhile.
    const shahRings = ringRecorder(shah);
    const next = await requestOk(other, 'call:request', callRequest('line-cardiology'));
    await shahRings.for(next.id);

    // A resend (the client did not hear back) is not acknowledged as a duplicate before the disk either.
    let resendAcked = false;
    const resend = request(patel, 'outcome:advice', outcome).then((r) => ((resendAcked = true), r));
    await sleep(100);
    expect(resendAcked).toBe(false);

    const waiting = held.splice(0);
    held = null;
    for (const release of waiting) release();
    expect(await ack).toEqual({ ok: true, data: { outcomeId: outcome.outcomeId, duplicate: false } });
    expect(await resend).toEqual({ ok: true, data: { outcomeId: outcome.outcomeId, duplicate: true } });
    await requestOk(other, 'call:cancel', { callId: next.id });
  });
});
