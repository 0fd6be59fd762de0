import { CallEngine } from '../../../renderer/call/engine.js';
import { io, type Socket } from 'socket.io-client';
import type { Ack, CallView, ClientToServerEvents, ServerToClientEvents, SessionReady, SignalData } from '../../../signaling/protocol.js';
import { deferred, firstPositive, now, within } from './wait.js';

type OnCallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface OnCallSetup {
  url: string;
  lineId: string;
  callerToken: string;
  specialistToken: string;
}

interface Party {
  socket: OnCallSocket;
  ready: SessionReady;
  engine: CallEngine | null;
  /** Signals that arrived before this side's engine existed. */
  early: SignalData[];
}

/**
 * One OnCall call between two real clients in this page, media through the renderer's own call
 * engine (renderer/call/engine.ts): caller emits call:request → specialist rings and accepts →
 * each starts their engine once the call is connected, signalling through the real server. As in
 * the renderer, the specialist learns that from the accept's acknowledgement (the server does not
 * echo it as call:updated to the accepting socket) and the caller from call:updated.
 */
export class OnCallFlow {
  private constructor(
    private readonly s: OnCallSetup,
    private readonly caller: Party,
    private readonly specialist: Party,
  ) {}

  static async open(s: OnCallSetup): Promise<OnCallFlow> {
    const [caller, specialist] = await Promise.all([connect(s.url, s.callerToken), connect(s.url, s.specialistToken)]);
    const flow = new OnCallFlow(s, caller, specialist);
    await ask(specialist.socket, 'presence:set', { status: 'available' });
    const connected = (party: Party, initiator: boolean) => (call: CallView) => {
      if (call.state === 'connected' && !party.engine) flow.startEngine(party, call.id, initiator);
    };
    for (const party of [caller, specialist]) {
      party.socket.on('call:signal', (e) => (party.engine ? party.engine.signal(e.data) : party.early.push(e.data)));
    }
    caller.socket.on('call:updated', connected(caller, false));
    specialist.socket.on('call:ring', (item) => void ask(specialist.socket, 'call:accept', { callId: item.callId }).then(connected(specialist, true), () => undefined));
    return flow;
  }

  /** ms from the caller's call:request to the first inbound audio bytes at the specialist. */
  async call(timeoutMs: number): Promise<number> {
    const engineReady = deferred<CallEngine>();
    this.onSpecialistEngine = engineReady.resolve;
    const t0 = now();
    const view = await ask(this.caller.socket, 'call:request', {
      requestId: crypto.randomUUID(),
      lineId: this.s.lineId,
      question: 'Bench media call: chest pain, ECG attached?',
      urgency: 'urgent',
      patient: { ageBand: 'adult_18_64', setting: 'primary_care' },
    });
    try {
      const engine = await within(engineReady.promise, timeoutMs, 'specialist engine');
      const t1 = await firstPositive(async () => (await engine.stats())?.bytesReceived ?? null, timeoutMs);
      return t1 - t0;
    } finally {
      await this.hangUp(view.id);
    }
  }

  close(): void {
    for (const p of [this.caller, this.specialist]) {
      p.engine?.stop();
      p.socket.close();
    }
  }

  private onSpecialistEngine: ((e: CallEngine) => void) | null = null;

  private startEngine(party: Party, callId: string, initiator: boolean): void {
    const engine = new CallEngine({
      callId,
      initiator,
      iceServers: party.ready.iceServers,
      inputDeviceId: null,
      outputDeviceId: null,
      sendSignal: (data: SignalData) => void ask(party.socket, 'call:signal', { callId, data }).catch(() => undefined),
      onPhase: () => undefined,
    });
    party.engine = engine;
    for (const d of party.early.splice(0)) engine.signal(d);
    void engine.start();
    if (party === this.specialist) this.onSpecialistEngine?.(engine);
  }

  /** Specialist hangs up and records the outcome, so they are available for the next call. */
  private async hangUp(callId: string): Promise<void> {
    await ask(this.specialist.socket, 'call:hangup', { callId, reason: 'normal' }).catch(() => undefined);
    await ask(this.specialist.socket, 'outcome:advice', { outcomeId: crypto.randomUUID(), callId, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() }).catch(() => undefined);
    for (const p of [this.caller, this.specialist]) {
      p.engine?.stop();
      p.engine = null;
      p.early = [];
    }
  }
}

function connect(url: string, token: string): Promise<Party> {
  const socket: OnCallSocket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  return within(
    new Promise<Party>((resolve, reject) => {
      socket.once('session:ready', (ready) => resolve({ socket, ready, engine: null, early: [] }));
      socket.once('connect_error', (err) => reject(err));
    }),
    10_000,
    'session:ready',
  );
}

type AckData<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (res: Ack<infer T>) => void ? T : never;

function ask<E extends keyof ClientToServerEvents>(socket: OnCallSocket, event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<AckData<E>> {
  return within(
    new Promise((resolve, reject) => {
      const emit = socket.emit as unknown as (ev: string, p: unknown, ack: (res: Ack<AckData<E>>) => void) => void;
      emit.call(socket, event, payload, (res) => (res.ok ? resolve(res.data) : reject(new Error(`${event}: ${res.error.code} ${res.error.message}`))));
    }),
    10_000,
    event,
  );
}
