import { randomUUID } from 'node:crypto';
import { DEFAULT_PATIENT_OUTCOMES, type CallView, type QueueItem, type ServerToClientEvents, type SignalData } from '../../../signaling/protocol.js';
import type { FloorMessage } from '../floor-server.js';
import { questionFor, type Driver, type WorkerClient } from './driver.js';
import { SocketDriver } from './socket-driver.js';

/**
 * Floor clients: the same call pattern as OnCall, each step one forward of the messages of the same
 * shape and size OnCall sends (a QueueItem to each ringing specialist; on an answer, the ring-stop
 * to the others and a CallView to the caller; the signal to the peer). Nothing else: no snapshots,
 * no presence, no outcome, no database.
 */
export class FloorDriver extends SocketDriver implements Driver {
  protected readonly readyEvent = 'ready';

  protected auth(c: WorkerClient): Record<string, string> {
    return { id: c.userId };
  }

  request(callerId: string, lineId: string, tag: string, freeSpecialists: string[]): Promise<void> {
    const item = queueItem(randomUUID(), callerId, lineId, questionFor(tag));
    return this.fwd(callerId, { to: freeSpecialists, ev: 'call:ring', data: item });
  }

  /** In OnCall's order: the others' ring-stop, then the caller's connected view. */
  accept(specialistId: string, callId: string, callerId: string, rung: readonly string[]): Promise<void> {
    const stop: RingStop = { callId, reason: 'taken' };
    return this.fwd(specialistId, [
      { to: rung.filter((id) => id !== specialistId), ev: 'call:ring-stop', data: stop },
      { to: [callerId], ev: 'call:updated', data: callView(callId, callerId, specialistId, 'connected') },
    ]);
  }

  signal(fromId: string, toId: string, callId: string, data: SignalData): Promise<void> {
    return this.fwd(fromId, { to: [toId], ev: 'call:signal', data: { callId, data } });
  }

  finish(specialistId: string, callerId: string, callId: string): Promise<void> {
    return this.fwd(specialistId, { to: [callerId], ev: 'call:updated', data: callView(callId, callerId, specialistId, 'wrap_up') });
  }

  private fwd(fromId: string, msg: FloorMessage | FloorMessage[]): Promise<void> {
    const socket = this.sockets.get(fromId);
    if (!socket) return Promise.reject(new Error('fwd: not connected'));
    return new Promise((resolve, reject) => socket.emit('fwd', msg, (res: { ok: boolean }) => (res.ok ? resolve() : reject(new Error('fwd: refused')))));
  }
}

type RingStop = Parameters<ServerToClientEvents['call:ring-stop']>[0];

const party = (userId: string, displayName: string) => ({ userId, displayName, professionalGroup: 'gp' as const, organisationName: 'Bench GP Practices' });
const patient = { ageBand: 'older_65_plus', setting: 'primary_care' } as const;

function queueItem(callId: string, callerId: string, lineId: string, question: string): QueueItem {
  const now = Date.now();
  return {
    callId, lineId, lineName: 'Bench line', state: 'ringing', urgency: 'soon', question, patient,
    caller: party(callerId, `Caller ${callerId}`), photoId: null, createdAt: now, offeredToYou: true, offerExpiresAt: now + 20_000,
  };
}

function callView(callId: string, callerId: string, specialistId: string, state: CallView['state']): CallView {
  const now = Date.now();
  return {
    id: callId, lineId: 'bench-line', lineName: 'Bench line', state, urgency: 'soon', question: questionFor('x'), patient, photoId: null,
    caller: party(callerId, `Caller ${callerId}`), specialist: party(specialistId, `Dr ${specialistId}`), createdAt: now, answeredAt: now,
    endedAt: state === 'connected' ? null : now, closedAt: null, endReason: null, position: null, expectedWaitSec: null, giveUpAt: null, callbackRequested: false, requestId: randomUUID(),
    // The caller's view of an answered call, as OnCall sends it: their own (patient) codes only.
    adviceOutcomes: [], patientOutcomes: DEFAULT_PATIENT_OUTCOMES, topics: [], adviceOutcome: null, patientOutcome: null,
  };
}
