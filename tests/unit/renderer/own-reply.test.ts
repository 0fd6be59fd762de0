import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallState, CallView, QueueItem } from '../../../signaling/protocol.js';

/**
 * The call store adopts the view a request's reply carries (the server also sends it, with the
 * ring-stop and presence it implies, as events to every socket) and makes up for a reply lost to a
 * time-out.
 */
const replies: Record<string, (payload: { callId?: string; requestId?: string }) => Promise<unknown>> = {};
vi.mock('../../../renderer/net/connection.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../renderer/net/connection.js')>();
  return { ...real, request: vi.fn((event: string, payload: { callId?: string }) => replies[event]!(payload)) };
});
// The media engine needs a browser; these tests are about state, not audio: which engines start.
const enginesStarted: string[] = [];
const signalsFed: unknown[] = [];
vi.mock('../../../renderer/call/engine.js', () => ({
  CallEngine: class {
    constructor(readonly opts: { callId: string }) {
      enginesStarted.push(opts.callId);
    }
    get callId() {
      return this.opts.callId;
    }
    start = () => Promise.resolve();
    stop = () => undefined;
    setMuted = () => undefined;
    signal = (data: unknown) => void signalsFed.push(data);
  },
}));
vi.mock('../../../renderer/platform/index.js', () => ({ platform: () => ({ setCallActive: () => Promise.resolve() }) }));

const { RequestError, request } = await import('../../../renderer/net/connection.js');
const { useCall } = await import('../../../renderer/stores/call.js');
const { usePresence } = await import('../../../renderer/stores/presence.js');
const { useQueue } = await import('../../../renderer/stores/queue.js');
const { useSession } = await import('../../../renderer/stores/session.js');

const ME = 'spec-1';
const party = (userId: string) => ({ userId, displayName: userId, professionalGroup: 'consultant' as const, organisationName: 'Hospital' });

function view(state: CallState, specialistId: string | null = ME, requestId: string | null = null): CallView {
  return {
    id: 'call-1', lineId: 'line-1', lineName: 'Cardiology', state, urgency: 'urgent', question: 'Chest pain',
    patient: { ageBand: 'adult_18_64', setting: 'primary_care' }, photoId: null, caller: party('caller-1'),
    specialist: specialistId ? party(specialistId) : null, createdAt: 1, answeredAt: specialistId ? 2 : null,
    endedAt: null, closedAt: null, endReason: null, position: null, expectedWaitSec: null, giveUpAt: null, callbackRequested: false,
    requestId, adviceOutcomes: [], patientOutcomes: [], topics: [], adviceOutcome: null, patientOutcome: null,
  };
}

const ringing: QueueItem = {
  callId: 'call-1', lineId: 'line-1', lineName: 'Cardiology', state: 'ringing', urgency: 'urgent', question: 'Chest pain',
  patient: { ageBand: 'adult_18_64', setting: 'primary_care' }, caller: party('caller-1'), photoId: null, createdAt: 1,
  offeredToYou: true, offerExpiresAt: 99,
};
const timedOut = () => Promise.reject(new RequestError('timeout', 'The server did not answer in time'));

describe('the call store adopts its own replies', () => {
  beforeEach(() => {
    for (const k of Object.keys(replies)) delete replies[k];
    vi.mocked(request).mockClear();
    enginesStarted.length = 0;
    signalsFed.length = 0;
    useCall.getState().reset();
    useQueue.getState().snapshot([ringing], []);
    usePresence.getState().applyServer('available', 'chosen');
    useSession.setState({ user: { id: ME, username: 'dr.spec', displayName: ME, role: 'specialist', professionalGroup: 'consultant', organisationId: 'org', organisationName: 'Hospital' } });
  });

  it('answering adopts the connected call and starts its audio; hanging up adopts wrap-up; presence is left to the server', async () => {
    replies['call:accept'] = () => Promise.resolve(view('connected'));
    await useCall.getState().answer('call-1');
    expect(useCall.getState().view?.state).toBe('connected');
    expect(enginesStarted).toEqual(['call-1']);
    expect(usePresence.getState()).toMatchObject({ status: 'available', reason: 'chosen' });

    replies['call:hangup'] = () => Promise.resolve(view('wrap_up'));
    await useCall.getState().hangup();
    expect(useCall.getState().view?.state).toBe('wrap_up');
  });

  it('an answer whose reply timed out asks for the call, and takes it up if it is theirs', async () => {
    replies['call:accept'] = timedOut;
    replies['call:get'] = () => Promise.resolve(view('connected'));
    await useCall.getState().answer('call-1');
    expect(vi.mocked(request).mock.calls.map(([event]) => event)).toEqual(['call:accept', 'call:get']);
    expect(useCall.getState()).toMatchObject({ view: { state: 'connected' }, error: null });
    expect(enginesStarted).toEqual(['call-1']);
  });

  it('an answer that did not reach the server leaves the call ringing and says so', async () => {
    replies['call:accept'] = timedOut;
    replies['call:get'] = () => Promise.reject(new RequestError('forbidden', 'This is not your call.'));
    await useCall.getState().answer('call-1');
    expect(useCall.getState().view).toBeNull();
    expect(useCall.getState().error).toMatch(/Could not answer/);
    expect(useQueue.getState().items).toHaveLength(1);
    expect(usePresence.getState().status).toBe('available');
  });

  it('a query whose reply timed out is re-sent with the same request id', async () => {
    useSession.setState({ user: { id: 'caller-1', username: 'gp', displayName: 'GP', role: 'caller', professionalGroup: 'gp', organisationId: 'org', organisationName: 'Surgery' } });
    const ids: string[] = [];
    replies['call:request'] = (p) => {
      ids.push(p.requestId!);
      return ids.length === 1 ? timedOut() : Promise.resolve(view('queued', null));
    };
    await useCall.getState().place({ lineId: 'line-1', question: 'Chest pain', urgency: 'urgent', patient: { ageBand: 'adult_18_64', setting: 'primary_care' } });
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(useCall.getState()).toMatchObject({ view: { state: 'queued' }, error: null });
  });

  it('the user’s other screen shows the call connected but opens no microphone: the audio is on the screen that answered', () => {
    useCall.getState().onUpdated(view('connected'));
    expect(useCall.getState()).toMatchObject({ view: { state: 'connected' }, media: 'elsewhere' });
    expect(enginesStarted).toEqual([]);
    useCall.getState().toggleMute();
    expect(useCall.getState().muted).toBe(false);
    useCall.getState().onUpdated(view('wrap_up'));
    expect(useCall.getState().media).toBe('closed');
  });

  it('an answer whose reply was lost with the connection keeps its claim: when session:ready brings the call back connected, the audio starts here', async () => {
    replies['call:accept'] = timedOut; // socket.io fails a pending reply this way when the socket drops
    replies['call:get'] = () => Promise.reject(new RequestError('disconnected', 'Not connected to the server'));
    await useCall.getState().answer('call-1');
    expect(useCall.getState().error).toMatch(/Could not answer: The server did not answer in time/);
    useCall.getState().resume(view('connected'));
    expect(useCall.getState().media).not.toBe('elsewhere');
    expect(enginesStarted).toEqual(['call-1']);
  });

  it('an answer never sent (offline) or refused claims nothing: a screen that answers it later carries the audio', async () => {
    for (const refusal of [new RequestError('disconnected', 'Not connected to the server'), new RequestError('already_taken', 'Another specialist has already answered this call.')]) {
      useCall.getState().reset();
      replies['call:accept'] = () => Promise.reject(refusal);
      await useCall.getState().answer('call-1');
      useCall.getState().onUpdated(view('connected'));
      expect(useCall.getState().media).toBe('elsewhere');
    }
    expect(enginesStarted).toEqual([]);
  });

  const asCaller = () =>
    useSession.setState({ user: { id: 'caller-1', username: 'gp', displayName: 'GP', role: 'caller', professionalGroup: 'gp', organisationId: 'org', organisationName: 'Surgery' } });
  const query = { lineId: 'line-1', question: 'Chest pain', urgency: 'urgent', patient: { ageBand: 'adult_18_64', setting: 'primary_care' } } as const;

  it('a query whose reply was lost: the call placed with its request id, when it comes back, is this screen’s', async () => {
    asCaller();
    let sentId = '';
    replies['call:request'] = (p) => {
      sentId = p.requestId!;
      return timedOut();
    };
    await useCall.getState().place(query);
    expect(useCall.getState().error).toMatch(/could not be placed/);
    useCall.getState().resume(view('queued', null, sentId));
    useCall.getState().onUpdated(view('connected', ME, sentId));
    expect(enginesStarted).toEqual(['call-1']);
  });

  it('a query refused or never sent claims nothing: the call the caller then places on another screen has its audio there', async () => {
    asCaller();
    replies['call:request'] = () => Promise.reject(new RequestError('forbidden', 'You cannot call this line.'));
    await useCall.getState().place(query);
    replies['call:request'] = timedOut;
    useCall.getState().reset(); // a fresh screen state, but the same tab
    await useCall.getState().place(query); // this one's reply is lost: its request id is kept
    // The call that shows up was placed elsewhere, with another request id.
    useCall.getState().onUpdated(view('queued', null, 'placed-on-the-desktop-app'));
    useCall.getState().onUpdated(view('connected', ME, 'placed-on-the-desktop-app'));
    expect(useCall.getState().media).toBe('elsewhere');
    expect(enginesStarted).toEqual([]);
  });

  it('hanging up on the screen without the audio keeps it without a microphone until the reply', async () => {
    useCall.getState().onUpdated(view('connected'));
    let reply!: (v: CallView) => void;
    replies['call:hangup'] = () => new Promise<CallView>((resolve) => (reply = resolve));
    const hangingUp = useCall.getState().hangup();
    expect(useCall.getState().media).toBe('elsewhere');
    reply(view('wrap_up'));
    await hangingUp;
    expect(useCall.getState().media).toBe('closed');
    expect(enginesStarted).toEqual([]);
  });
});
