import { randomUUID } from 'node:crypto';
import { applyRing, applyRingStop, sortQueue, type CallRequestInput } from '../../signaling/protocol.js';
import type { z } from 'zod';
import { collectEvents, eventually, requestOk, signInAndConnect, waitForEvent, type ClientSocket, type QueueSnapshot } from './clients.js';

/** A valid call:request payload for a line (fresh requestId each time). */
export function callRequest(lineId: string, extra: Partial<z.input<typeof CallRequestInput>> = {}): z.input<typeof CallRequestInput> {
  return {
    requestId: randomUUID(),
    lineId,
    question: 'Patient on clozapine with palpitations; ECG attached — QTc 490 ms. Safe to continue?',
    urgency: 'soon',
    patient: { ageBand: 'adult_18_64', setting: 'mental_health_inpatient' },
    ...extra,
  };
}

/** Signs in a specialist, connects, and sets them available (resolves after the presence change). */
export async function availableSpecialist(url: string, username: string) {
  const client = await signInAndConnect(url, username);
  const status = await requestOk(client.socket, 'presence:set', { status: 'available' });
  if (status.status !== 'available') throw new Error(`${username} is ${status.status}, not available`);
  return client;
}

/** Records every call:ring from now on; `.for(callId)` waits until one for that call has arrived (even before you knew its id). */
export function ringRecorder(socket: ClientSocket) {
  const rings = collectEvents(socket, 'call:ring');
  return {
    rings,
    count: (callId: string) => rings.filter((r) => r.callId === callId).length,
    for: (callId: string, timeoutMs = 5000) => eventually(() => rings.find((r) => r.callId === callId), timeoutMs, `ring for ${callId}`),
  };
}

export function waitForRing(socket: ClientSocket, callId: string, timeoutMs = 5000) {
  return waitForEvent(socket, 'call:ring', (e) => e.callId === callId, timeoutMs);
}

export function closeAll(...sockets: (ClientSocket | undefined)[]) {
  for (const s of sockets) s?.close();
}

/**
 * What a specialist's client shows in its queue, built from the events it is sent exactly as the
 * renderer's queue store builds it (the last snapshot, with rings and ring-stops applied since).
 * Starts from the snapshot the connection was sent; counts the snapshots sent after that.
 */
export function queueView(client: { socket: ClientSocket; snapshots: QueueSnapshot[] }) {
  const first = client.snapshots.at(-1);
  const view = { items: sortQueue(first?.items ?? []), lines: first?.lines ?? [], snapshotsSent: 0 };
  client.socket.on('queue:snapshot', (s) => {
    view.items = sortQueue(s.items);
    view.lines = s.lines;
    view.snapshotsSent++;
  });
  client.socket.on('call:ring', (item) => (view.items = applyRing(view.items, item)));
  client.socket.on('call:ring-stop', (e) => (view.items = applyRingStop(view.items, e.callId, e.reason)));
  return view;
}

/** Resolves once every event the server sent this socket before it has arrived (one socket's packets keep their order). */
export const settled = (socket: ClientSocket) => requestOk(socket, 'history:list', { limit: 1 });
