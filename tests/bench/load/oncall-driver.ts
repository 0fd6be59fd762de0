import { randomUUID } from 'node:crypto';
import type { Ack, SignalData } from '../../../signaling/protocol.js';
import { questionFor, type Driver, type WorkerClient } from './driver.js';
import { SocketDriver } from './socket-driver.js';

/** Real OnCall clients: token handshake, call:request / call:accept / call:signal / hang-up / outcome. */
export class OnCallDriver extends SocketDriver implements Driver {
  protected readonly readyEvent = 'session:ready';

  protected auth(c: WorkerClient): Record<string, string> {
    return { token: c.token };
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
