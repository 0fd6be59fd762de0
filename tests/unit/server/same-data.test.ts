import { expect, it } from 'vitest';
import { sameData } from '../../../signaling/calls/same-data.js';

const item = (over: Record<string, unknown> = {}) => ({
  callId: 'c1',
  state: 'ringing',
  patient: { ageBand: 'adult', setting: 'home' },
  caller: { userId: 'u1', displayName: 'Dr A' },
  photoId: null,
  offerExpiresAt: 1000,
  ...over,
});

it('agrees with comparing the JSON a client would receive', () => {
  const cases: [unknown, unknown][] = [
    [[item()], [item()]],
    [[item()], [item({ state: 'queued' })]],
    [[item()], [item({ caller: { userId: 'u1', displayName: 'Dr B' } })]],
    [[item()], [item(), item({ callId: 'c2' })]],
    [[item(), item({ callId: 'c2' })], [item({ callId: 'c2' }), item()]],
    [[item()], [item({ photoId: 'p1' })]],
    [{ a: 1, b: undefined }, { a: 1 }],
    [{ a: null }, { a: undefined }],
    [{ a: [] }, { a: {} }],
    [{ a: [1, 2] }, { a: [1, 2] }],
    [[], []],
    [0, null],
    ['1', 1],
  ];
  for (const [a, b] of cases) {
    expect(sameData(a, b), JSON.stringify([a, b])).toBe(JSON.stringify(a) === JSON.stringify(b));
    expect(sameData(b, a), JSON.stringify([b, a])).toBe(JSON.stringify(a) === JSON.stringify(b));
  }
});

it('ignores member order, which does not change the data', () => {
  expect(sameData({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
});
