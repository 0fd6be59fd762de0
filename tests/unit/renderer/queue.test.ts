import { describe, expect, it } from 'vitest';
import { applyRing, applyRingStop, sortQueue, type QueueItem } from '../../../signaling/protocol.js';
import { elapsedSec, firstRinging, formatDuration, formatExpectedWait } from '../../../renderer/logic/queue.js';
import { diffRinging, ringText } from '../../../renderer/stores/alerts.js';
import { useQueue, ringingItems } from '../../../renderer/stores/queue.js';

function item(callId: string, urgency: QueueItem['urgency'], createdAt: number, offeredToYou = false): QueueItem {
  return {
    callId,
    lineId: 'cardio',
    lineName: 'Cardiology',
    state: offeredToYou ? 'ringing' : 'queued',
    urgency,
    question: `question ${callId}`,
    patient: { ageBand: 'adult_18_64', setting: 'primary_care' },
    caller: { userId: 'u1', displayName: 'Dr Green', professionalGroup: 'gp', organisationName: 'Riverside Practice' },
    photoId: null,
    createdAt,
    offeredToYou,
    offerExpiresAt: null,
  };
}

describe('queue order and ticking', () => {
  it('orders by urgency, then arrival', () => {
    const q = sortQueue([item('a', 'routine', 1), item('b', 'urgent', 5), item('c', 'soon', 2), item('d', 'urgent', 3)]);
    expect(q.map((i) => i.callId)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('ticks waited time on the server clock', () => {
    // local clock 2 s behind the server
    expect(elapsedSec(10_000, 18_500, 2_000)).toBe(10);
    expect(elapsedSec(10_000, 5_000, 0)).toBe(0);
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatExpectedWait(null)).toBe('not known yet');
    expect(formatExpectedWait(30)).toBe('under a minute');
    expect(formatExpectedWait(150)).toBe('about 3 min');
  });

  it('answers the most urgent ringing call first', () => {
    const items = [item('a', 'routine', 1, true), item('b', 'urgent', 9, false), item('c', 'soon', 5, true)];
    expect(firstRinging(items)?.callId).toBe('c');
    expect(firstRinging([item('x', 'urgent', 1)])).toBeUndefined();
  });

  it('removes a call a colleague took, but keeps one that only stopped ringing for us', () => {
    const items = [item('a', 'urgent', 1, true), item('b', 'soon', 2, true)];
    expect(applyRingStop(items, 'a', 'taken').map((i) => i.callId)).toEqual(['b']);
    const timedOut = applyRingStop(items, 'b', 'timed_out');
    expect(timedOut.map((i) => [i.callId, i.offeredToYou])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    for (const reason of ['taken_by_you', 'abandoned', 'unanswered'] as const) expect(applyRingStop(items, 'a', reason)).toHaveLength(1);
  });

  it('adds a ringing call the snapshot has not brought yet, in order', () => {
    const q = applyRing([item('a', 'routine', 1)], item('b', 'urgent', 2));
    expect(q.map((i) => [i.callId, i.offeredToYou])).toEqual([
      ['b', true],
      ['a', false],
    ]);
    expect(applyRing(q, item('b', 'urgent', 2))).toHaveLength(2);
  });

  it('the queue store follows snapshot, ring and ring-stop', () => {
    const s = useQueue.getState();
    s.snapshot([item('a', 'routine', 1), item('b', 'urgent', 2)], [{ id: 'cardio', name: 'Cardiology', specialty: 'Cardiology', availableSpecialists: 1 }]);
    expect(useQueue.getState().items.map((i) => i.callId)).toEqual(['b', 'a']);
    useQueue.getState().ring(item('a', 'routine', 1));
    expect(ringingItems(useQueue.getState()).map((i) => i.callId)).toEqual(['a']);
    useQueue.getState().ringStop('a', 'taken');
    expect(useQueue.getState().items.map((i) => i.callId)).toEqual(['b']);
    useQueue.getState().snapshot([]);
    expect(useQueue.getState().lines).toHaveLength(1); // lines kept when the snapshot carries none
    useQueue.getState().reset();
  });
});

describe('ring alerts', () => {
  it('notifies each newly ringing call once and clears the ones that stopped', () => {
    const first = diffRinging(new Set(), [item('a', 'urgent', 1, true)]);
    expect(first.start.map((i) => i.callId)).toEqual(['a']);
    const second = diffRinging(first.ids, [item('a', 'urgent', 1, true), item('b', 'soon', 2, true)]);
    expect(second.start.map((i) => i.callId)).toEqual(['b']);
    expect(second.stop).toEqual([]);
    const third = diffRinging(second.ids, [item('b', 'soon', 2, true)]);
    expect(third.stop).toEqual(['a']);
  });

  it('says who rings and why within the notification limits', () => {
    const t = ringText({ ...item('a', 'urgent', 1, true), question: 'x'.repeat(900) });
    expect(t.title).toBe('Urgent call — Cardiology');
    expect(t.body.startsWith('Dr Green, Riverside Practice: x')).toBe(true);
    expect(t.body.length).toBe(500);
  });
});
