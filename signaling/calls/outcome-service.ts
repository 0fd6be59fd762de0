import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit.js';
import type { Clock } from '../clock.js';
import { isUniqueViolation, type Data } from '../db/data.js';
import type { Lines } from '../directory/lines.js';
import { Failure } from '../errors.js';
import type { AdviceOutcomeInput, OutcomeAck, OutcomeCodeDef, PatientOutcomeInput } from '../protocol.js';
import type { CallMachine } from './machine.js';
import { outcomeSetsOf, type OutcomeSets } from './outcome-sets.js';
import type { OutcomeSide, OutcomeStore } from './outcome-store.js';
import type { Router } from './router.js';
import type { CallRow, CallStore } from './store.js';

export interface OutcomeServiceDeps {
  clock: Clock;
  /** Its durable() is awaited before acknowledging an outcome: the client then forgets its own copy. */
  data: Data;
  lines: Lines;
  calls: CallStore;
  outcomes: OutcomeStore;
  audit: AuditLog;
  machine: CallMachine;
  router: Router;
}

const SIDE_LABEL: Record<OutcomeSide, string> = { advice: 'advice outcome', patient: 'patient outcome' };

/**
 * Outcomes are stored once per client UUID: a resend is acknowledged as a duplicate and changes
 * nothing; a different outcome for a call side that already has one is refused, never overwritten.
 * Every acknowledgement, a duplicate's too, waits until the outcome is on disk (WalSync): the client
 * drops its outbox copy when it gets one.
 */
export class OutcomeService {
  constructor(private readonly deps: OutcomeServiceDeps) {}

  async advice(actor: Actor, input: AdviceOutcomeInput): Promise<OutcomeAck> {
    const ack = await this.once(actor, 'advice', input, () => this.storeAdvice(actor, input));
    await this.deps.data.durable();
    return ack;
  }

  async patient(actor: Actor, input: PatientOutcomeInput): Promise<OutcomeAck> {
    const ack = await this.once(actor, 'patient', input, () => this.storePatient(actor, input));
    await this.deps.data.durable();
    return ack;
  }

  /**
   * Stores an outcome once. The same outcome sent twice at once (an outbox resend racing the
   * first send, maybe through another server process) passes the duplicate check twice; the
   * store's unique keys let one insert win, and the other is answered as the duplicate it is.
   */
  private async once(actor: Actor, side: OutcomeSide, input: { outcomeId: string; callId: string }, store: () => Promise<OutcomeAck>): Promise<OutcomeAck> {
    try {
      return await store();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const dup = await this.duplicate(actor, side, input.outcomeId, input.callId);
      if (dup) return dup;
      // Another outcome for this call side committed first: answered as storeX would have.
      await this.callFor(actor, input.callId, side);
      throw err;
    }
  }

  private async storeAdvice(actor: Actor, input: AdviceOutcomeInput): Promise<OutcomeAck> {
    const dup = await this.duplicate(actor, 'advice', input.outcomeId, input.callId);
    if (dup) return dup;
    const call = await this.callFor(actor, input.callId, 'advice');
    if (call.state === 'connected') throw new Failure('invalid_state', 'Hang up before recording the advice outcome.');
    if (call.answered_at === null || !['wrap_up', 'closed', 'failed'].includes(call.state)) {
      throw new Failure('invalid_state', `An advice outcome cannot be recorded for a call that is ${call.state}.`);
    }
    const def = await this.codeDef(call, 'advice', input.code, input.note);
    if (input.topic !== undefined && !(await this.sets(call)).topics.includes(input.topic)) {
      throw new Failure('bad_request', `"${input.topic}" is not a topic of this line.`, [{ path: 'topic', message: 'unknown topic' }]);
    }
    const { closed } = await this.deps.machine.recordOutcome(
      call,
      actor.userId,
      async () => {
        await this.insert(actor, 'advice', input, def, input.topic ?? null);
        await this.deps.audit.write('outcome.advice', actor.userId, call.id, { outcomeId: input.outcomeId, code: input.code });
      },
      { code: input.code, topic: input.topic ?? null },
    );
    // Wrap-up is over: back to available for the next call.
    if (closed) await this.deps.router.setChosen(actor.userId, 'available', 'outcome_recorded');
    return { outcomeId: input.outcomeId, duplicate: false };
  }

  private async storePatient(actor: Actor, input: PatientOutcomeInput): Promise<OutcomeAck> {
    const dup = await this.duplicate(actor, 'patient', input.outcomeId, input.callId);
    if (dup) return dup;
    const call = await this.callFor(actor, input.callId, 'patient');
    if (call.answered_at === null) throw new Failure('invalid_state', 'The patient outcome can be recorded once the call has been answered.');
    const def = await this.codeDef(call, 'patient', input.code, input.note);
    await this.deps.machine.recordOutcome(call, actor.userId, async () => {
      await this.insert(actor, 'patient', input, def, null);
      await this.deps.audit.write('outcome.patient', actor.userId, call.id, { outcomeId: input.outcomeId, code: input.code });
    });
    return { outcomeId: input.outcomeId, duplicate: false };
  }

  private async duplicate(actor: Actor, side: OutcomeSide, outcomeId: string, callId: string): Promise<OutcomeAck | null> {
    const stored = await this.deps.outcomes.get(outcomeId);
    if (!stored) return null;
    if (stored.call_id === callId && stored.side === side && stored.author_id === actor.userId) return { outcomeId, duplicate: true };
    throw new Failure('bad_request', 'This outcome id has already been used for a different record.');
  }

  private async callFor(actor: Actor, callId: string, side: OutcomeSide): Promise<CallRow> {
    const call = await this.deps.calls.get(callId);
    const author = side === 'advice' ? call?.specialist_id : call?.caller_id;
    if (!call || author !== actor.userId) {
      throw new Failure('forbidden', `Only the ${side === 'advice' ? 'specialist who answered' : 'caller'} can record the ${SIDE_LABEL[side]} of this call.`);
    }
    const existing = await this.deps.outcomes.forCall(callId, side);
    if (existing) {
      await this.deps.audit.write('outcome.rejected', actor.userId, callId, { side, existing: existing.id });
      throw new Failure('invalid_state', `An ${SIDE_LABEL[side]} (${existing.code}) is already recorded for this call; it cannot be replaced.`);
    }
    return call;
  }

  private async codeDef(call: CallRow, side: OutcomeSide, code: string, note: string | undefined): Promise<OutcomeCodeDef> {
    const sets = await this.sets(call);
    const defs = side === 'advice' ? sets.adviceOutcomes : sets.patientOutcomes;
    const def = defs.find((d) => d.code === code);
    if (!def) throw new Failure('bad_request', `${code} is not a ${SIDE_LABEL[side]} code of this line.`, [{ path: 'code', message: 'unknown code' }]);
    if (def.needsNote && !note) throw new Failure('bad_request', `${def.label}: please add a note.`, [{ path: 'note', message: 'required for this code' }]);
    return def;
  }

  /** The codes and topics the call was placed with, not the line's current lists. */
  private async sets(call: CallRow): Promise<OutcomeSets> {
    return outcomeSetsOf(call, await this.deps.lines.get(call.line_id));
  }

  private insert(
    actor: Actor,
    side: OutcomeSide,
    input: { outcomeId: string; callId: string; code: string; note?: string | undefined; enteredAt: number },
    def: OutcomeCodeDef,
    topic: string | null,
  ): Promise<void> {
    return this.deps.outcomes.insert({
      id: input.outcomeId,
      call_id: input.callId,
      side,
      author_id: actor.userId,
      code: def.code,
      label: def.label,
      category: def.category,
      topic,
      note: input.note || null,
      entered_at: input.enteredAt,
      received_at: this.deps.clock.now(),
    });
  }
}
