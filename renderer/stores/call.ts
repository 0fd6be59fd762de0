import { create } from 'zustand';
import {
  TERMINAL_CALL_STATES,
  type CallRequestInput,
  type CallView,
  type SignalData,
} from '../../signaling/protocol.js';
import { CallEngine, type MediaPhase } from '../call/engine.js';
import { pageOwnCallClaim, PENDING } from '../call/own-call-claim.js';
import { classifyQuality, sampleBetween, type QualityLevel, type StatsCounters } from '../logic/quality.js';
import { request, RequestError } from '../net/connection.js';
import { platform } from '../platform/index.js';
import { useSession } from './session.js';

/**
 * The call this user is party to (either role) and its media. The server's CallView is the truth
 * for the call's state; the engine follows it: it runs while the call is `connected`.
 */
export interface CallStoreState {
  view: CallView | null;
  /** `elsewhere`: the call is connected, its audio on another of the user's screens (see ownCall). */
  media: MediaPhase | 'idle' | 'elsewhere';
  muted: boolean;
  quality: QualityLevel;
  busy: boolean;
  error: string | null;
  inputDeviceId: string | null;
  outputDeviceId: string | null;
  answer(callId: string): Promise<void>;
  place(input: Omit<CallRequestInput, 'requestId'>): Promise<void>;
  cancel(): Promise<void>;
  hangup(reason?: 'normal' | 'media_failed'): Promise<void>;
  toggleMute(): void;
  /** Applies the choice (to a live call too) and saves it; resolves to why saving failed, or null. */
  setDevices(patch: { inputDeviceId?: string | null; outputDeviceId?: string | null }): Promise<string | null>;
  /** A server call:updated: a finished call other than the one on screen is old news and ignored. */
  onUpdated(view: CallView): void;
  /**
   * The server's word about a call: at (re)connect (`rejoin`: session:ready's call this user is party
   * to that has not finished, which this page may be taking up anew) or a call:updated.
   */
  resume(view: CallView, rejoin?: boolean): void;
  onSignal(callId: string, data: SignalData): void;
  /** The finished call leaves the screen (back to queue / directory). */
  dismiss(): void;
  reset(): void;
}

export const QUALITY_POLL_MS = 2000;

let engine: CallEngine | null = null;
let poll: ReturnType<typeof setInterval> | null = null;
/** Kept across retries of one query, so a retried request is not queued twice. */
let pendingRequestId: string | null = null;
/**
 * The call whose audio this screen carries: the one it placed or answered. The user's other screens
 * (the desktop app and a browser tab, or two tabs) show the call but open no microphone and send no
 * offer: a second peer on one side would break the call's audio. Kept per tab across a reload, and
 * checked with the other tabs at load (a duplicated tab's copy is dropped: see OwnCallClaim).
 * A reply lost with the connection must not leave the call with no screen carrying it: an answer
 * claims its call when it is sent (answer()), a query the call placed with its request id
 * (claimIfPlacing()).
 */
const ownCall = pageOwnCallClaim();
const claimCall = (callId: string | null) =>
  ownCall.set(callId === null ? null : { callId, userId: useSession.getState().user?.id ?? '' });
let connectedOnce = false;
/** Signals that arrive before the engine exists (they should not, but ordering is not promised). */
let early: { callId: string; data: SignalData }[] = [];

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export const isFinished = (v: CallView) => TERMINAL_CALL_STATES.includes(v.state) || v.state === 'wrap_up';

export const useCall = create<CallStoreState>()((set, get) => {
  const stopEngine = () => {
    if (poll) clearInterval(poll);
    poll = null;
    if (engine) {
      engine.stop();
      engine = null;
      void platform().setCallActive(false);
    }
  };

  const startPolling = () => {
    if (poll) clearInterval(poll); // connected again after reconnecting
    let prev: StatsCounters | null = null;
    poll = setInterval(() => {
      void engine?.stats().then((s) => {
        if (!s) return;
        set({ quality: classifyQuality(sampleBetween(prev, s)) });
        prev = s;
      });
    }, QUALITY_POLL_MS);
  };

  const onPhase = (phase: MediaPhase, detail?: string) => {
    set({ media: phase });
    if (phase === 'connected') {
      connectedOnce = true;
      void platform().setCallActive(true);
      startPolling();
    } else if (phase === 'failed') {
      const everConnected = connectedOnce;
      set({
        error:
          detail === 'microphone'
            ? 'The microphone could not be opened, so the call could not start.'
            : everConnected
              ? 'The audio connection was lost.'
              : 'The audio connection could not be set up.',
      });
      void get().hangup(everConnected ? 'normal' : 'media_failed');
    }
  };

  /**
   * A query this screen sent without hearing back (pendingRequestId is kept after a time-out):
   * the call placed with that request id, when it shows up (session:ready after a reconnect, or
   * call:updated), is this screen's.
   */
  const claimIfPlacing = (view: CallView) => {
    if (pendingRequestId === null || view.requestId !== pendingRequestId) return;
    claimCall(view.id);
    pendingRequestId = null;
  };

  /** Runs the engine exactly while the call is connected (`rejoin`: see resume()). */
  const follow = (view: CallView | null, rejoin = false) => {
    if (view?.state === 'connected') {
      if (engine?.callId === view.id) return;
      const carried = ownCall.current();
      if (carried === PENDING) {
        // A claim read back at load is being checked with the other tabs: decide once it is.
        void ownCall.settled.then(() => {
          if (get().view?.id === view.id) follow(get().view, rejoin);
        });
        return;
      }
      stopEngine();
      if (view.id !== carried) {
        early = [];
        set({ media: 'elsewhere', quality: 'unknown' });
        return;
      }
      const { user, iceServers } = useSession.getState();
      const { inputDeviceId, outputDeviceId, muted } = get();
      engine = new CallEngine({
        callId: view.id,
        initiator: view.specialist?.userId === user?.id,
        iceServers,
        inputDeviceId,
        outputDeviceId,
        sendSignal: (data) => {
          void request('call:signal', { callId: view.id, data }).catch(() => undefined);
        },
        onPhase,
        rejoin,
      });
      engine.setMuted(muted);
      connectedOnce = false;
      for (const e of early) if (e.callId === view.id) engine.signal(e.data);
      early = [];
      set({ media: 'starting', quality: 'unknown', error: null });
      void engine.start();
    } else if (engine || get().media === 'elsewhere') {
      stopEngine();
      set({ media: view ? 'closed' : 'idle' });
    }
  };

  const adopt = (view: CallView, rejoin = false) => {
    claimIfPlacing(view);
    set({ view });
    follow(view, rejoin);
  };

  /**
   * Sends a request whose reply is the call's view (request, accept, hang-up, cancel) and adopts it.
   * (The server sends this socket the same view as call:updated too, with the ring-stop and presence
   * it implies; adopting a view twice is safe.) A reply lost to a time-out (a stalled connection) is
   * made up for: the call is asked for as it is now (`call:get`), or a new query re-sent with its
   * request id, which the server answers with the call it already placed.
   */
  const ownRequest = async (send: () => Promise<CallView>, callId: string | null) => {
    let view: CallView;
    try {
      view = await send();
    } catch (err) {
      if (!(err instanceof RequestError && err.code === 'timeout')) throw err;
      // Sent, but the reply was lost: ask again. If that fails too, the outcome stays unknown (timeout).
      view = await (callId ? request('call:get', { callId }) : send()).catch((again: unknown) => {
        throw again instanceof RequestError && again.code !== 'timeout' && again.code !== 'disconnected' ? again : err;
      });
    }
    adopt(view);
  };

  return {
    view: null,
    media: 'idle',
    muted: false,
    quality: 'unknown',
    busy: false,
    error: null,
    inputDeviceId: null,
    outputDeviceId: null,

    async answer(callId) {
      if (get().busy || (get().view && !isFinished(get().view!))) return;
      set({ busy: true, error: null, muted: false });
      const before = ownCall.current();
      const ownedBefore = before === PENDING ? null : before;
      claimCall(callId);
      try {
        await ownRequest(() => request('call:accept', { callId }), callId);
      } catch (err) {
        // Sent and its reply lost (timeout): it may be ours, session:ready will say. Refused or never sent: not ours.
        if (!(err instanceof RequestError && err.code === 'timeout')) claimCall(ownedBefore);
        set({ error: `Could not answer: ${message(err)}` });
      } finally {
        set({ busy: false });
      }
    },

    async place(input) {
      if (get().busy) return;
      pendingRequestId ??= crypto.randomUUID();
      set({ busy: true, error: null, muted: false });
      try {
        const requestId = pendingRequestId;
        await ownRequest(() => request('call:request', { ...input, requestId }), null);
        pendingRequestId = null;
      } catch (err) {
        // Only a query sent whose reply was lost (timeout) may have been placed: keep its id for a retry and for claimIfPlacing.
        if (!(err instanceof RequestError && err.code === 'timeout')) pendingRequestId = null;
        set({ error: `The query could not be placed: ${message(err)}` });
      } finally {
        set({ busy: false });
      }
    },

    async cancel() {
      const view = get().view;
      if (!view) return;
      try {
        await ownRequest(() => request('call:cancel', { callId: view.id }), view.id);
      } catch (err) {
        set({ error: `Could not cancel: ${message(err)}` });
      }
    },

    async hangup(reason = 'normal') {
      const view = get().view;
      if (!view || isFinished(view)) return;
      stopEngine();
      if (get().media !== 'elsewhere') set({ media: 'closed' });
      try {
        await ownRequest(() => request('call:hangup', { callId: view.id, reason }), view.id);
      } catch (err) {
        set({ error: `Hang-up not confirmed by the server yet: ${message(err)}` });
      }
    },

    toggleMute() {
      if (get().media === 'elsewhere') return;
      const muted = !get().muted;
      engine?.setMuted(muted);
      set({ muted });
    },

    async setDevices(patch) {
      set(patch);
      const p: { audioInputId?: string | null; audioOutputId?: string | null } = {};
      if (patch.inputDeviceId !== undefined) {
        p.audioInputId = patch.inputDeviceId;
        await engine?.setInput(patch.inputDeviceId).catch((err: unknown) => set({ error: message(err) }));
      }
      if (patch.outputDeviceId !== undefined) {
        p.audioOutputId = patch.outputDeviceId;
        await engine?.setOutput(patch.outputDeviceId);
      }
      return platform()
        .settings.set(p)
        .then(
          () => null,
          (err: unknown) => message(err),
        );
    },

    onUpdated(view) {
      const current = get().view;
      // Each outcome re-publishes its call to both parties, possibly long after they moved on: a
      // finished call they are not looking at must not replace the screen (e.g. the next wrap-up).
      if (current?.id !== view.id && isFinished(view)) return;
      get().resume(view);
    },

    resume(view, rejoin = false) {
      const current = get().view;
      if (current && current.id !== view.id && !isFinished(current)) return;
      adopt(view, rejoin);
    },

    onSignal(callId, data) {
      if (engine?.callId === callId) engine.signal(data);
      else if (!engine && get().media !== 'elsewhere' && early.length < 50) early.push({ callId, data });
    },

    dismiss() {
      const view = get().view;
      if (view && !isFinished(view)) return;
      stopEngine();
      set({ view: null, media: 'idle', muted: false, quality: 'unknown', error: null });
    },

    reset() {
      stopEngine();
      pendingRequestId = null;
      claimCall(null);
      early = [];
      set({ view: null, media: 'idle', muted: false, quality: 'unknown', busy: false, error: null });
    },
  };
});

/** Read-only test/diagnostic hook: the live call's audio stats (no control over the call). */
export async function currentCallStats() {
  return engine ? { callId: engine.callId, phase: engine.currentPhase, muted: useCall.getState().muted, stats: await engine.stats() } : null;
}
