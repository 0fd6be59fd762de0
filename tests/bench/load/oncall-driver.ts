import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { Ack, SignalData } from '../../../signaling/protocol.js';
import type { ClientSocket } from '../../support/clients.js';
import { questionFor, tagOf, type Driver, type DriverHooks, type WorkerClient } from './driver.js';

/** Real OnCall clients: token handshake, call:request / call:accept / call:signal / hang-up / outcome. */
export class OnCallDriver implements Driver {
  private readonly sockets = new Map<string, ClientSocket>();
  private events = 0;

  constructor(
    private readonly url: string,
    private readonly hooks: DriverHooks,
  ) {}

  connect(c: WorkerClient, timeoutMs: number): Promise<void> {
    const socket: ClientSocket = io(this.url, { auth: { token: c.token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
    socket.onAny(() => this.events++);
    socket.on('call:signal', (e) => this.hooks.onSignal(c.userId, e.callId, e.data));
    if (c.role === 'specialist') {
      socket.on('call:ring', (item) => {
        const tag = tagOf(item.question);
        if (tag !== null) this.hooks.onRing(c.userId, tag, item.callId);
      });
    } else {
      socket.on('call:updated', (call) => {
        if (call.state === 'connected') this.hooks.onConnected(c.userId, call.id);
      });
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail('no session:ready in time'), timeoutMs);
      const fail = (why: string) => {
        clearTimeout(timer);
        socket.close();
        reject(new Error(why));
      };
      socket.once('connect_error', (err) => fail(`connect_error: ${err.message}`));
      socket.once('session:ready', () => {
        clearTimeout(timer);
        socket.off('connect_error');
        this.sockets.set(c.userId, socket);
        socket.once('disconnect', (reason) => {
          this.sockets.delete(c.userId);
          this.hooks.onDisconnect(c.userId, reason);
        });
        resolve();
      });
    });
  }

  request(callerId: string, lineId: string, tag: string): Promise<void> {
    return this.ask(callerId, 'call:request', {
      requestId: randomUUID(),
      lineId,
      question: questionFor(tag),
      urgency: 'soon',
      patient: { ageBand: 'older_65_plus', setting: 'primary_care' },
    });
  }

  accept(specialistId: string, callId: string): Promise<void> {
    return this.ask(specialistId, 'call:accept', { callId });
  }

  signal(fromId: string, _toId: string, callId: string, data: SignalData): Promise<void> {
    return this.ask(fromId, 'call:signal', { callId, data });
  }

  async finish(specialistId: string, _callerId: string, callId: string): Promise<void> {
    await this.ask(specialistId, 'call:hangup', { callId, reason: 'normal' });
    await this.ask(specialistId, 'outcome:advice', { outcomeId: randomUUID(), callId, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
  }

  eventsReceived(): number {
    return this.events;
  }

  connectedCount(): number {
    return this.sockets.size;
  }

  closeAll(): void {
    for (const s of this.sockets.values()) s.close();
    this.sockets.clear();
  }

  /** Emits a request and settles on its acknowledgement (an error ack rejects with its code). */
  private ask(userId: string, event: string, payload: unknown): Promise<void> {
    const socket = this.sockets.get(userId);
    if (!socket) return Promise.reject(new Error(`${event}: not connected`));
    return new Promise((resolve, reject) => {
      const emit = socket.emit as unknown as (ev: string, p: unknown, ack: (res: Ack<unknown>) => void) => void;
      emit.call(socket, event, payload, (res) => (res.ok ? resolve() : reject(new Error(`${event}: ${res.error.code}`))));
    });
  }
}
