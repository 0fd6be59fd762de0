import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFloorServer, type FloorServer } from '../bench/floor-server.js';

/** The bench's floor forwards what it is told, in order, and nothing when told something malformed. */
describe('bench floor server', () => {
  let floor: FloorServer;
  const clients = new Map<string, Socket>();
  const received = new Map<string, [string, unknown][]>();

  beforeAll(async () => {
    floor = await startFloorServer();
    for (const id of ['spec-1', 'spec-2', 'spec-3', 'caller-1']) {
      const socket = io(floor.url, { auth: { id }, transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise<void>((resolve) => socket.once('ready', () => resolve()));
      received.set(id, []);
      socket.onAny((ev: string, data: unknown) => received.get(id)!.push([ev, data]));
      clients.set(id, socket);
    }
  });

  afterAll(async () => {
    for (const s of clients.values()) s.close();
    await floor.close();
  });

  const fwd = (from: string, msg: unknown) =>
    new Promise<{ ok: boolean }>((resolve) => clients.get(from)!.emit('fwd', msg, (res: { ok: boolean }) => resolve(res)));
  /** Every client's events since the last call, once the sentinel sent to all of them has arrived. */
  const drain = async () => {
    const everyone = [...clients.keys()];
    expect(await fwd('caller-1', { to: everyone, ev: 'sentinel', data: null })).toEqual({ ok: true });
    await expect.poll(() => everyone.every((id) => received.get(id)!.some(([ev]) => ev === 'sentinel'))).toBe(true);
    const out = Object.fromEntries(everyone.map((id) => [id, received.get(id)!.filter(([ev]) => ev !== 'sentinel')]));
    for (const id of everyone) received.set(id, []);
    return out;
  };

  it('forwards one message to the listed sockets', async () => {
    expect(await fwd('caller-1', { to: ['spec-1', 'spec-2'], ev: 'call:ring', data: { callId: 'c1' } })).toEqual({ ok: true });
    const got = await drain();
    expect(got['spec-1']).toEqual([['call:ring', { callId: 'c1' }]]);
    expect(got['spec-2']).toEqual([['call:ring', { callId: 'c1' }]]);
    expect(got['spec-3']).toEqual([]);
  });

  it('forwards a list of messages in order, with one acknowledgement', async () => {
    const answer = [
      { to: ['spec-2', 'caller-1'], ev: 'call:ring-stop', data: { callId: 'c1', reason: 'taken' } },
      { to: ['caller-1'], ev: 'call:updated', data: { id: 'c1', state: 'connected' } },
    ];
    expect(await fwd('spec-1', answer)).toEqual({ ok: true });
    const got = await drain();
    expect(got['spec-2']).toEqual([['call:ring-stop', { callId: 'c1', reason: 'taken' }]]);
    expect(got['caller-1']).toEqual([
      ['call:ring-stop', { callId: 'c1', reason: 'taken' }],
      ['call:updated', { id: 'c1', state: 'connected' }],
    ]);
    expect(got['spec-1']).toEqual([]);
  });

  it('refuses a list with a malformed message, an empty list or too long a list, and forwards none of it', async () => {
    const good = { to: ['spec-3'], ev: 'call:ring', data: {} };
    expect(await fwd('caller-1', [good, { to: 'spec-3', ev: 'call:ring', data: {} }])).toEqual({ ok: false });
    expect(await fwd('caller-1', [good, { to: ['spec-3'], ev: 'bad event name!', data: {} }])).toEqual({ ok: false });
    expect(await fwd('caller-1', [])).toEqual({ ok: false });
    expect(await fwd('caller-1', Array.from({ length: 9 }, () => good))).toEqual({ ok: false });
    expect(await fwd('caller-1', null)).toEqual({ ok: false });
    const got = await drain();
    expect(got['spec-3']).toEqual([]);
  });
});
