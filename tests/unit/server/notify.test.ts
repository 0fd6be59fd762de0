import { describe, expect, it } from 'vitest';
import { createNotify, type OnCallIo } from '../../../signaling/realtime/io.js';

/**
 * A stand-in for socket.io's server that records what would have been emitted to which room.
 * `sockets` says which sockets each user has (default: u1 and u2 on s1 and s9).
 */
function recordingIo(sockets: Record<string, string[]> = { u1: ['s1', 's9'], u2: ['s1', 's9'] }) {
  const sent: string[] = [];
  const rooms = new Map(Object.entries(sockets).map(([userId, ids]) => [`user:${userId}`, new Set(ids)]));
  const io = {
    sockets: { adapter: { rooms } },
    to: (room: string | string[]) => {
      const emit = (but: string) => (event: string, payload: { callId: string }) => sent.push(`${[room].flat().join('+')}${but} ${event} ${payload.callId}`);
      return { emit: emit(''), except: (socketId: string) => ({ emit: emit(` but ${socketId}`) }) };
    },
  };
  return { sent, notify: createNotify(() => io as unknown as OnCallIo) };
}

describe('notify.afterCommit', () => {
  it('holds events until the transaction returns, in order, nested ones included', () => {
    const { sent, notify } = recordingIo();
    const out = notify.afterCommit(() => {
      notify.toUser('u1', 'call:ring-stop', { callId: 'c1', reason: 'taken' });
      notify.afterCommit(() => notify.toUser('u2', 'call:ring-stop', { callId: 'c2', reason: 'taken' }));
      expect(sent).toEqual([]);
      return 'done';
    });
    expect(out).toBe('done');
    expect(sent).toEqual(['user:u1 call:ring-stop c1', 'user:u2 call:ring-stop c2']);
    notify.toUser('u3', 'call:ring-stop', { callId: 'c3', reason: 'taken' });
    expect(sent.at(-1)).toBe('user:u3 call:ring-stop c3');
  });

  it('drops the events of a transaction that threw, and tells whoever remembers what it sent', () => {
    const { sent, notify } = recordingIo();
    let dropped = 0;
    notify.onDropped(() => dropped++);
    expect(() =>
      notify.afterCommit(() => {
        notify.toUser('u1', 'call:ring-stop', { callId: 'c1', reason: 'taken' });
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(sent).toEqual([]);
    expect(dropped).toBe(1);
    notify.toUser('u1', 'call:ring-stop', { callId: 'c2', reason: 'taken' });
    expect(sent).toEqual(['user:u1 call:ring-stop c2']);
  });

  it('sends an event for several users as one packet, held like the others', () => {
    const { sent, notify } = recordingIo();
    notify.afterCommit(() => {
      notify.toUsers(['u1', 'u2', 'u3'], 'call:ring-stop', { callId: 'c1', reason: 'taken' });
      expect(sent).toEqual([]);
    });
    notify.toUsers(['u4'], 'call:ring-stop', { callId: 'c2', reason: 'taken' });
    notify.toUsers([], 'call:ring-stop', { callId: 'c3', reason: 'taken' });
    expect(sent).toEqual(['user:u1+user:u2+user:u3 call:ring-stop c1', 'user:u4 call:ring-stop c2']);
  });

  it('leaves out the requesting socket only while its request is handled under asOrigin, held events too', () => {
    const { sent, notify } = recordingIo();
    notify.toUserButOrigin('u1', 'call:ring-stop', { callId: 'c1', reason: 'taken' });
    const out = notify.asOrigin('s1', () => {
      notify.toUserButOrigin('u1', 'call:ring-stop', { callId: 'c2', reason: 'taken' });
      notify.toUser('u1', 'call:ring-stop', { callId: 'c3', reason: 'taken' });
      notify.afterCommit(() => notify.toUserButOrigin('u2', 'call:ring-stop', { callId: 'c4', reason: 'taken' }));
      return 'acked';
    });
    expect(out).toBe('acked');
    notify.toUserButOrigin('u1', 'call:ring-stop', { callId: 'c5', reason: 'taken' });
    expect(sent).toEqual([
      'user:u1 call:ring-stop c1',
      'user:u1 but s1 call:ring-stop c2',
      'user:u1 call:ring-stop c3',
      'user:u2 but s1 call:ring-stop c4',
      'user:u1 call:ring-stop c5',
    ]);
    expect(() => notify.asOrigin('s2', () => { throw new Error('refused'); })).toThrow('refused');
    notify.toUserButOrigin('u1', 'call:ring-stop', { callId: 'c6', reason: 'taken' });
    expect(sent.at(-1)).toBe('user:u1 call:ring-stop c6');
  });

  it('sends nothing when the requesting socket is the user’s only one, or the user has none', () => {
    const { sent, notify } = recordingIo({ u1: ['s1'], u2: ['s1', 's2'] });
    notify.asOrigin('s1', () => {
      expect(notify.reachesButOrigin('u1')).toBe(false);
      expect(notify.reachesButOrigin('u2')).toBe(true);
      expect(notify.reachesButOrigin('offline')).toBe(false);
      notify.toUserButOrigin('u1', 'call:ring-stop', { callId: 'c1', reason: 'taken' });
      notify.toUserButOrigin('u2', 'call:ring-stop', { callId: 'c2', reason: 'taken' });
      notify.toUserButOrigin('offline', 'call:ring-stop', { callId: 'c3', reason: 'taken' });
    });
    expect(notify.reachesButOrigin('u1')).toBe(true);
    notify.toUserButOrigin('u1', 'call:ring-stop', { callId: 'c4', reason: 'taken' });
    expect(sent).toEqual(['user:u2 but s1 call:ring-stop c2', 'user:u1 call:ring-stop c4']);
  });
});
