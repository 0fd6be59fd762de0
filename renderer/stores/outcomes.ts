import { useStore } from 'zustand';
import type { OutboxItem } from '../../electron/bridge-contract.js';
import type { AdviceOutcomeInput, PatientOutcomeInput } from '../../signaling/protocol.js';
import { request } from '../net/connection.js';
import { platform } from '../platform/index.js';
import { createOutboxStore, type OutboxState } from './outbox.js';

/** The app's outbox, wired to the platform's durable storage and the socket. */
export const outboxStore = createOutboxStore({
  outbox: () => platform().outbox,
  send: (item: OutboxItem) =>
    item.kind === 'advice' ? request('outcome:advice', item.payload) : request('outcome:patient', item.payload),
  schedule: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
});

export function useOutbox<T>(selector: (s: OutboxState) => T): T {
  return useStore(outboxStore, selector);
}

export interface OutcomeForm {
  callId: string;
  code: string;
  topic?: string;
  note?: string;
}

function clean(form: OutcomeForm) {
  const note = form.note?.trim();
  const topic = form.topic?.trim();
  return { note: note ? note : undefined, topic: topic ? topic : undefined };
}

/** Builds the signed-in user's outcome with a fresh client UUID and records it through the outbox; returns its id. */
export async function recordOutcome(kind: 'advice' | 'patient', form: OutcomeForm): Promise<string> {
  const authorId = outboxStore.getState().author;
  if (authorId === null) throw new Error('You are not signed in');
  const now = Date.now();
  const outcomeId = crypto.randomUUID();
  const { note, topic } = clean(form);
  let item: OutboxItem;
  if (kind === 'advice') {
    const payload: AdviceOutcomeInput = { outcomeId, callId: form.callId, code: form.code, enteredAt: now };
    if (topic) payload.topic = topic;
    if (note) payload.note = note;
    item = { kind, authorId, payload, queuedAt: now };
  } else {
    const payload: PatientOutcomeInput = { outcomeId, callId: form.callId, code: form.code, enteredAt: now };
    if (note) payload.note = note;
    item = { kind, authorId, payload, queuedAt: now };
  }
  await outboxStore.getState().record(item);
  return outcomeId;
}
