import type { CallState } from '../protocol.js';

/**
 * The call state machine: every way a call can move, as data. Each event names the states it may
 * happen in and the state each of them leads to, and the domain events it emits. CallStore.move()
 * accepts only these moves (one UPDATE guarded by the from-states, so of two racing moves exactly
 * one wins); CallMachine is the only caller. A test prints this table and checks that the state
 * diagram in docs/architecture.md is drawn from it.
 *
 * Outcomes that do not end wrap-up (the caller's patient outcome, an advice outcome for a failed
 * call) are stored without moving the call; they still emit `outcome_recorded`.
 */

/** What a call's clients (and the routing) must hear about after the move is committed. */
export type DomainEventType = 'placed' | 'rang' | 'ring_stopped' | 'answered' | 'requeued' | 'ended' | 'outcome_recorded' | 'restarted';

/** `new` is the state of a call not yet stored: only `request` leaves it. */
export type FromState = CallState | 'new';

export interface Transition {
  /** Allowed from-state → to-state. A from-state not listed refuses the event. */
  moves: Partial<Record<FromState, CallState>>;
  emits: readonly DomainEventType[];
  /** One line for the docs. */
  means: string;
}

export const CALL_TRANSITIONS = {
  request: { moves: { new: 'queued' }, emits: ['placed'], means: 'a caller asks a line' },
  ring: { moves: { queued: 'ringing', ringing: 'ringing' }, emits: ['rang'], means: 'offered to one or more specialists' },
  decline: { moves: { ringing: 'ringing' }, emits: ['ring_stopped'], means: 'a specialist passes on a ringing call' },
  ring_timeout: { moves: { ringing: 'ringing' }, emits: ['ring_stopped'], means: "a specialist's offer rang out" },
  requeue: { moves: { ringing: 'queued' }, emits: ['requeued'], means: 'it rings for nobody any more' },
  accept: { moves: { queued: 'connected', ringing: 'connected' }, emits: ['answered', 'ring_stopped'], means: 'the first specialist to answer wins' },
  cancel: { moves: { queued: 'abandoned', ringing: 'abandoned' }, emits: ['ended', 'ring_stopped'], means: 'the caller gives up' },
  caller_gone: { moves: { queued: 'abandoned', ringing: 'abandoned' }, emits: ['ended', 'ring_stopped'], means: 'the waiting caller is gone past the reconnect grace' },
  max_wait: { moves: { queued: 'unanswered', ringing: 'unanswered' }, emits: ['ended', 'ring_stopped'], means: "the line's maximum wait passed: call-back requested" },
  hang_up: { moves: { connected: 'wrap_up' }, emits: ['ended'], means: 'either party hangs up; the specialist records the advice' },
  media_failed: { moves: { connected: 'failed' }, emits: ['ended'], means: 'the audio never connected' },
  party_lost: {
    moves: { connected: 'wrap_up' },
    emits: ['ended'],
    means: 'a party is gone past the reconnect grace: the call was answered, so the advice given is still recorded',
  },
  advice_outcome: { moves: { wrap_up: 'closed' }, emits: ['outcome_recorded'], means: "the specialist's advice outcome is stored: wrap-up is over" },
  restart: { moves: { queued: 'queued', ringing: 'queued', connected: 'connected' }, emits: ['restarted'], means: 'the server started again: offers reset' },
} as const satisfies Record<string, Transition>;

export type CallEvent = keyof typeof CALL_TRANSITIONS;
export const CALL_EVENTS = Object.keys(CALL_TRANSITIONS) as CallEvent[];

/** The state `event` leads to from `from`, or null when the table does not allow it. */
export function nextState(event: CallEvent, from: FromState): CallState | null {
  const moves: Transition['moves'] = CALL_TRANSITIONS[event].moves;
  return moves[from] ?? null;
}

/** The states `event` may happen in. */
export function fromStates(event: CallEvent): FromState[] {
  return Object.keys(CALL_TRANSITIONS[event].moves) as FromState[];
}

/** The table as text, one move a line: `event: from → to [emits]`. */
export function describeTransitions(): string {
  const lines: string[] = [];
  for (const event of CALL_EVENTS) {
    const t: Transition = CALL_TRANSITIONS[event];
    for (const [from, to] of Object.entries(t.moves)) lines.push(`${event}: ${from} → ${to} [${t.emits.join(', ')}]`);
  }
  return lines.join('\n');
}

/**
 * A Mermaid state diagram of the moves that change state (self-moves are listed in the table
 * beside it): docs/architecture.md carries exactly this text.
 */
export function stateDiagram(): string {
  const edges = new Map<string, string[]>();
  for (const event of CALL_EVENTS) {
    for (const [from, to] of Object.entries(CALL_TRANSITIONS[event].moves as Transition['moves'])) {
      if (from === to) continue;
      const key = `${from === 'new' ? '[*]' : from} --> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), event]);
    }
  }
  const body = [...edges].map(([edge, events]) => `  ${edge}: ${events.join(', ')}`);
  return ['```mermaid', 'stateDiagram-v2', ...body, '```'].join('\n');
}
