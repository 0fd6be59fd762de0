import { beforeEach, describe, expect, it } from 'vitest';
import type { CallState, CallView } from '../../../signaling/protocol.js';
import { useCall } from '../../../renderer/stores/call.js';


/** A call as the server would send it in call:updated (no engine runs: none of these is `connected`). */
function view(id: string, state: CallState, answered = true): CallView {
  return {
    id,
    lineId: 'line-1',
    lineName: 'Cardiology',
    state,
    urgency: 'urgent',
    question: 'Chest pain, ECG attached',
    patient: { ageBand: 'adult_18_64', setting: 'mental_health_inpatient' },
    photoId: null,
    caller: { userId: 'caller-1', displayName: 'Dr Caller', professionalGroup: 'gp', organisationName: 'Surgery' },
    specialist: { userId: 'spec-1', displayName: 'Dr Spec', professionalGroup: 'consultant', organisationName: 'Hospital' },
    createdAt: 1,
    answeredAt: answered ? 2 : null,
    endedAt: 3,
    closedAt: state === 'closed' ? 4 : null,
    endReason: null,
    position: null,
    expectedWaitSec: null,
    giveUpAt: null,
    callbackRequested: false,
    requestId: null,
    adviceOutcomes: [],
    patientOutcomes: [],
    topics: [],
    adviceOutcome: null,
    patientOutcome: null,
  };
}

describe('call store: news about a call the user has left', () => {
  beforeEach(() => useCall.getState().reset());

  it('keeps the wrap-up of the current call when an earlier call is updated (its caller records an outcome late)', () => {
    useCall.getState().resume(view('call-B', 'wrap_up')); // the specialist's current wrap-up
    useCall.getState().onUpdated(view('call-B', 'wrap_up'));
    // Call A finished long ago; its caller's patient outcome arrives now and the server re-publishes A.
    useCall.getState().onUpdated(view('call-A', 'closed'));
    expect(useCall.getState().view?.id).toBe('call-B');
    expect(useCall.getState().view?.state).toBe('wrap_up');
  });

  it('does not bring back a finished call the user has dismissed', () => {
    useCall.getState().resume(view('call-A', 'wrap_up'));
    useCall.getState().dismiss();
    useCall.getState().onUpdated(view('call-A', 'closed'));
    expect(useCall.getState().view).toBeNull();
  });

  it('still takes up a live call it learns about only through call:updated (a lost ack)', () => {
    useCall.getState().resume(view('call-A', 'closed'));
    useCall.getState().dismiss();
    useCall.getState().onUpdated(view('call-C', 'queued', false));
    expect(useCall.getState().view?.id).toBe('call-C');
  });

  it('resumes the wrap-up the server reports at (re)connect after a reload', () => {
    useCall.getState().resume(view('call-B', 'wrap_up'));
    expect(useCall.getState().view?.id).toBe('call-B');
  });
});
