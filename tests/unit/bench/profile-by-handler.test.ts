import { describe, expect, it } from 'vitest';
import { busyByHandler, OUTSIDE, type CpuProfile } from '../../bench/profile-by-handler.js';

const SERVICE = 'file:///app/signaling/calls/call-service.ts';
const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

/**
 * root ─ (idle)
 *      ─ onevent (socket.io) ─ request (CallService) ─ place (CallService) ─ get (SQLite)
 *                                                    ─ writev
 *      ─ flush (publisher) ─ sameData (OnCall)
 *      ─ (garbage collector)
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 8, 10] },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('onevent', 'file:///app/node_modules/socket.io/dist/socket.js'), children: [4] },
    { id: 4, callFrame: frame('request', SERVICE), children: [5, 7] },
    { id: 5, callFrame: frame('place', SERVICE), children: [6] },
    { id: 6, callFrame: frame('get') },
    { id: 7, callFrame: frame('writev') },
    { id: 8, callFrame: frame('flush', 'file:///app/signaling/calls/publisher.ts'), children: [9] },
    { id: 9, callFrame: frame('sameData', 'file:///app/signaling/calls/same-data.ts') },
    { id: 10, callFrame: frame('(garbage collector)') },
  ],
  startTime: 0,
  endTime: 1000,
  // Each sample lasts until the next one: the i-th sample's length is timeDeltas[i + 1].
  samples: [2, 6, 6, 7, 3, 9, 10, 2],
  timeDeltas: [0, 100, 10, 20, 30, 40, 50, 60],
};

describe('busy time by handler', () => {
  it('credits each busy sample to the outermost handler on its stack, by kind of leaf, and leaves idle out', () => {
    const { busyUs, handlers } = busyByHandler(profile);
    expect(busyUs).toBe(10 + 20 + 30 + 40 + 50 + 60);
    expect(Object.fromEntries(handlers.get('request')!)).toEqual({ sqlite: 30, 'socket write': 30 });
    expect(Object.fromEntries(handlers.get('publisher flush (next turn)')!)).toEqual({ 'oncall js': 50 });
    expect(Object.fromEntries(handlers.get(OUTSIDE)!)).toEqual({ 'socket.io': 40, gc: 60 });
    expect([...handlers.keys()]).not.toContain('place');
  });

  it('keeps only the samples from a given profile time on', () => {
    // Sample times: 0, 100, 110, 130, 160, 200, 250, 310.
    const { busyUs, handlers } = busyByHandler(profile, 160);
    expect(busyUs).toBe(40 + 50 + 60);
    expect(handlers.has('request')).toBe(false);
  });
});
