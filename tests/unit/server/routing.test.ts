import { describe, expect, it } from 'vitest';
import { expectedWaitSec, orderQueue, planOffers, queuePosition, rankForStrategy, type RoutingCall, type RoutingSpecialist } from '../../../signaling/calls/routing.js';

const call = (id: string, urgency: RoutingCall['urgency'], createdAt: number, extra: Partial<RoutingCall> = {}): RoutingCall => ({
  id, urgency, createdAt, offeredTo: [], passed: [], ...extra,
});
const spec = (id: string, idleSince: number, available = true): RoutingSpecialist => ({ id, idleSince, available });

describe('queue order', () => {
  it('puts urgency first, then arrival', () => {
    const q = orderQueue([call('a', 'routine', 1), call('b', 'urgent', 5), call('c', 'soon', 2), call('d', 'urgent', 3)]);
    expect(q.map((c) => c.id)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('gives 1-based positions and null for calls not in the queue', () => {
    const calls = [call('a', 'routine', 1), call('b', 'urgent', 5)];
    expect(queuePosition(calls, 'b')).toBe(1);
    expect(queuePosition(calls, 'a')).toBe(2);
    expect(queuePosition(calls, 'zzz')).toBeNull();
  });
});

describe('ring all', () => {
  it('rings every available specialist who has not passed, skipping existing offers', () => {
    const offers = planOffers({
      strategy: 'ring_all',
      rota: ['s1', 's2', 's3', 's4'],
      specialists: [spec('s1', 0), spec('s2', 0), spec('s3', 0, false), spec('s4', 0)],
      calls: [call('c1', 'routine', 1, { offeredTo: ['s1'], passed: ['s4'] })],
    });
    expect(offers).toEqual([{ callId: 'c1', specialistId: 's2' }]);
  });
});

describe('longest idle', () => {
  const specialists = [spec('s1', 300), spec('s2', 100), spec('s3', 200)];

  it('offers each call to one specialist, longest idle first, in queue order', () => {
    const offers = planOffers({
      strategy: 'longest_idle',
      rota: ['s1', 's2', 's3'],
      specialists,
      calls: [call('late', 'routine', 10), call('urgent', 'urgent', 20)],
    });
    expect(offers).toEqual([
      { callId: 'urgent', specialistId: 's2' },
      { callId: 'late', specialistId: 's3' },
    ]);
  });

  it('skips specialists who passed on the call or already ring elsewhere, and calls already ringing', () => {
    const offers = planOffers({
      strategy: 'longest_idle',
      rota: ['s1', 's2', 's3'],
      specialists,
      calls: [call('c1', 'routine', 1, { passed: ['s2'] }), call('c2', 'routine', 2, { offeredTo: ['s1'] })],
      ringingElsewhere: new Set(['s3']),
    });
    expect(offers).toEqual([]);
  });

  it('moves on to the next longest idle after a pass', () => {
    const offers = planOffers({ strategy: 'longest_idle', rota: [], specialists, calls: [call('c1', 'routine', 1, { passed: ['s2'] })] });
    expect(offers).toEqual([{ callId: 'c1', specialistId: 's3' }]);
  });

  it('breaks idle-time ties by rota order', () => {
    const ranked = rankForStrategy('longest_idle', ['b', 'a'], [spec('a', 5), spec('b', 5)]);
    expect(ranked.map((s) => s.id)).toEqual(['b', 'a']);
  });
});

describe('rota order', () => {
  it('follows the rota, ignoring idle time, one call at a time', () => {
    const rota = ['s3', 's1', 's2'];
    const specialists = [spec('s1', 1), spec('s2', 2), spec('s3', 999)];
    expect(planOffers({ strategy: 'rota_order', rota, specialists, calls: [call('c1', 'routine', 1)] })).toEqual([{ callId: 'c1', specialistId: 's3' }]);
    expect(planOffers({ strategy: 'rota_order', rota, specialists, calls: [call('c1', 'routine', 1, { passed: ['s3'] })] })).toEqual([
      { callId: 'c1', specialistId: 's1' },
    ]);
    expect(planOffers({ strategy: 'rota_order', rota, specialists, calls: [call('c1', 'routine', 1, { passed: ['s3', 's1', 's2'] })] })).toEqual([]);
  });

  it('does not offer unavailable specialists', () => {
    const offers = planOffers({ strategy: 'rota_order', rota: ['s1', 's2'], specialists: [spec('s1', 0, false), spec('s2', 0)], calls: [call('c', 'soon', 0)] });
    expect(offers).toEqual([{ callId: 'c', specialistId: 's2' }]);
  });
});

describe('expected wait', () => {
  it('is the median of recent waits in seconds, null without history', () => {
    expect(expectedWaitSec([])).toBeNull();
    expect(expectedWaitSec([30_000, 10_000, 20_000])).toBe(20);
    expect(expectedWaitSec([10_000, 21_000])).toBe(16);
  });
});
