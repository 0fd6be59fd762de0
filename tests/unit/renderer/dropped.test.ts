import { describe, expect, it } from 'vitest';
import type { CallView, EndReason } from '../../../signaling/protocol.js';
import { droppedNotice, durationInWords } from '../../../renderer/logic/dropped.js';

const party = (userId: string, displayName: string) => ({ userId, displayName, professionalGroup: 'consultant' as const, organisationName: 'Trust' });

function ended(endReason: EndReason, lengthSec = 190): CallView {
  return {
    id: 'c1', lineId: 'l1', lineName: 'Cardiology', state: 'wrap_up', urgency: 'soon', question: 'q',
    patient: { ageBand: 'adult_18_64', setting: 'primary_care' }, photoId: null,
    caller: party('u-wright', 'Dr Wright'), specialist: party('u-patel', 'Dr Patel'),
    createdAt: 0, answeredAt: 10_000, endedAt: 10_000 + lengthSec * 1000, closedAt: null, endReason,
    position: null, expectedWaitSec: null, giveUpAt: null, callbackRequested: false, requestId: null,
    adviceOutcomes: [], patientOutcomes: [], topics: [], adviceOutcome: null, patientOutcome: null,
  };
}

describe('a call that ended because a connection was lost mid-call', () => {
  it('tells the specialist who stayed whose connection went, after how long, and to record the advice', () => {
    expect(droppedNotice(ended('caller_lost'), 'u-patel')).toBe('Dr Wright’s connection was lost after 3 min 10 s. Please record the advice you gave.');
  });

  it('tells the caller who stayed that the specialist may call back', () => {
    expect(droppedNotice(ended('specialist_lost', 45), 'u-wright')).toBe(
      'Dr Patel’s connection was lost after 45 s. Dr Patel may call you back. If you still need advice now, ask the line again.',
    );
  });

  it('tells a party who comes back later that it was their own connection', () => {
    expect(droppedNotice(ended('specialist_lost', 120), 'u-patel')).toBe('Your connection was lost after 2 min. Please record the advice you gave.');
    expect(droppedNotice(ended('caller_lost'), 'u-wright')).toMatch(/^Your connection was lost after 3 min 10 s\. Dr Patel may call you back/);
  });

  it('says nothing for any other ending', () => {
    for (const reason of ['caller_hung_up', 'specialist_hung_up', 'media_failed', 'max_wait'] as const) expect(droppedNotice(ended(reason), 'u-patel')).toBeNull();
  });
});

it('puts a length in words', () => {
  expect([durationInWords(0), durationInWords(59.6), durationInWords(60), durationInWords(3725), durationInWords(7200)]).toEqual(['0 s', '1 min', '1 min', '1 h 2 min', '2 h']);
});
