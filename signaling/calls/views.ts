import type { Clock } from '../clock.js';
import { deepFreeze } from '../deep-freeze.js';
import { isInHours } from '../directory/hours.js';
import type { Lines } from '../directory/lines.js';
import type { Availability } from '../presence/availability.js';
import type { CallHistoryItem, CallView, CoveredLine, DirectoryEntry, Line, PartyInfo, PatientContext, QueueItem } from '../protocol.js';
import { expectedWaitSec, queuePosition } from './routing.js';
import { outcomeSetsOf } from './outcome-sets.js';
import type { Offers } from './offers.js';
import type { OutcomeStore } from './outcome-store.js';
import type { CallRow, CallStore } from './store.js';
import type { Users } from '../users.js';

const patientOf = (row: CallRow): PatientContext => ({
  ageBand: row.age_band as PatientContext['ageBand'],
  setting: row.care_setting as PatientContext['setting'],
});
const NO_CODES = deepFreeze({ adviceOutcomes: [], patientOutcomes: [], topics: [] }) as Pick<CallView, 'adviceOutcomes' | 'patientOutcomes' | 'topics'>;
const isWaiting = (row: CallRow) => row.state === 'queued' || row.state === 'ringing';

/** Builds the protocol's view shapes from stored rows. Read-only. */
export class Views {
  constructor(
    private readonly deps: {
      clock: Clock;
      lines: Lines;
      users: Users;
      calls: CallStore;
      offers: Offers;
      outcomes: OutcomeStore;
      availability: Availability;
    },
  ) {}

  giveUpAt(row: CallRow, line: Line | null): number | null {
    if (!isWaiting(row) || !line) return null;
    return row.created_at + line.maxWaitSec * 1000 * this.deps.clock.timeScale;
  }

  /** `shared` lets a caller building many views of one line (queue places) look the line up once. */
  async call(row: CallRow, viewerId: string, shared?: LineShared): Promise<CallView> {
    return this.forViewer(await this.base(row, shared), row, viewerId, shared);
  }

  /** Both parties' views of a call, reading what they share (line, parties, outcomes) once. */
  async forParties(row: CallRow): Promise<{ caller: CallView; specialist: CallView | null }> {
    const waiting = isWaiting(row);
    const shared: LineShared = {
      line: await this.deps.lines.get(row.line_id),
      waiting: waiting ? await this.deps.calls.waiting(row.line_id) : [],
      expectedWaitSec: waiting ? await this.expectedWait(row.line_id) : null,
    };
    const base = await this.base(row, shared);
    return {
      caller: await this.forViewer(base, row, row.caller_id, shared),
      specialist: row.specialist_id ? await this.forViewer(base, row, row.specialist_id, shared) : null,
    };
  }

  /** What every viewer of the call sees alike. */
  private async base(row: CallRow, shared?: LineShared): Promise<Base> {
    const { lines, users } = this.deps;
    const line = shared ? shared.line : await lines.get(row.line_id);
    const waiting = isWaiting(row);
    return {
      line,
      view: {
        id: row.id,
        lineId: row.line_id,
        lineName: line?.name ?? '',
        state: row.state,
        urgency: row.urgency,
        question: row.question,
        patient: patientOf(row),
        photoId: row.photo_id,
        caller: await users.party(row.caller_id),
        specialist: row.specialist_id ? await users.party(row.specialist_id) : null,
        createdAt: row.created_at,
        answeredAt: row.answered_at,
        endedAt: row.ended_at,
        closedAt: row.closed_at,
        endReason: row.end_reason,
        expectedWaitSec: waiting ? (shared ? shared.expectedWaitSec : await this.expectedWait(row.line_id)) : null,
        giveUpAt: this.giveUpAt(row, line),
        callbackRequested: row.callback_requested_at !== null,
        ...(await this.outcomesOf(row)),
      },
    };
  }

  private async forViewer(base: Base, row: CallRow, viewerId: string, shared?: LineShared): Promise<CallView> {
    const forCaller = viewerId === row.caller_id;
    const waiting = isWaiting(row);
    return {
      ...base.view,
      position: waiting && forCaller ? queuePosition((shared?.waiting ?? (await this.deps.calls.waiting(row.line_id))).map(toQueued), row.id) : null,
      requestId: forCaller ? row.request_id : null,
      ...this.codesFor(row, base.line, forCaller),
    };
  }

  /**
   * The codes this viewer records, once the call is answered (none can be recorded before): the
   * caller's patient outcomes, the specialist's advice outcomes and topics. Each view goes out on
   * every change of the call, and the other side's lists would double its size for nothing.
   */
  private codesFor(row: CallRow, line: Line | null, forCaller: boolean): Pick<CallView, 'adviceOutcomes' | 'patientOutcomes' | 'topics'> {
    if (row.answered_at === null) return NO_CODES;
    const sets = outcomeSetsOf(row, line);
    return forCaller ? { ...NO_CODES, patientOutcomes: sets.patientOutcomes } : { ...NO_CODES, adviceOutcomes: sets.adviceOutcomes, topics: sets.topics };
  }

  /** Either outcome can be recorded only once the call was answered: no lookup before. */
  private async outcomesOf(row: CallRow): Promise<Pick<CallView, 'adviceOutcome' | 'patientOutcome'>> {
    if (row.answered_at === null) return { adviceOutcome: null, patientOutcome: null };
    const { advice, patient } = await this.deps.outcomes.views(row.id);
    return { adviceOutcome: advice, patientOutcome: patient };
  }

  /** `caller` lets a pass building many users' lists look each caller up once. */
  async queueItem(row: CallRow, line: Line, forUserId: string, caller?: PartyInfo): Promise<QueueItem> {
    const { offers, users } = this.deps;
    return {
      callId: row.id,
      lineId: row.line_id,
      lineName: line.name,
      state: row.state === 'ringing' ? 'ringing' : 'queued',
      urgency: row.urgency,
      question: row.question,
      patient: patientOf(row),
      caller: caller ?? (await users.party(row.caller_id)),
      photoId: row.photo_id,
      createdAt: row.created_at,
      offeredToYou: offers.has(row.id, forUserId),
      offerExpiresAt: offers.expiresAt(row.id, forUserId),
    };
  }

  /** How many of the line's specialists could take a call now. */
  async availableOn(line: Line): Promise<number> {
    return (await this.deps.availability.whoCanTakeCalls(line.specialistIds)).size;
  }

  async coveredLine(line: Line): Promise<CoveredLine> {
    return {
      id: line.id,
      name: line.name,
      specialty: line.specialty,
      availableSpecialists: await this.availableOn(line),
    };
  }

  async directoryEntry(line: Line, now: number): Promise<DirectoryEntry> {
    return {
      id: line.id,
      name: line.name,
      specialty: line.specialty,
      providerOrgId: line.providerOrgId,
      providerOrgName: line.providerOrgName,
      internal: line.internal,
      hours: line.hours,
      inHours: isInHours(line.hours, now),
      availableSpecialists: await this.availableOn(line),
      waiting: (await this.deps.calls.waiting(line.id)).length,
      expectedWaitSec: await this.expectedWait(line.id),
      maxWaitSec: line.maxWaitSec,
    };
  }

  async history(row: CallRow, viewerId: string, lineName: string): Promise<CallHistoryItem> {
    const { users } = this.deps;
    const counterpartId = viewerId === row.caller_id ? row.specialist_id : row.caller_id;
    return {
      id: row.id,
      lineId: row.line_id,
      lineName,
      state: row.state,
      urgency: row.urgency,
      question: row.question,
      counterpart: counterpartId ? await users.party(counterpartId) : null,
      createdAt: row.created_at,
      answeredAt: row.answered_at,
      endedAt: row.ended_at,
      ...(await this.outcomesOf(row)),
    };
  }

  async expectedWait(lineId: string): Promise<number | null> {
    return expectedWaitSec(await this.deps.calls.recentWaitsMs(lineId, this.deps.clock.now()));
  }
}

type Base = { view: Omit<CallView, 'position' | 'requestId' | 'adviceOutcomes' | 'patientOutcomes' | 'topics'>; line: Line | null };

export interface LineShared {
  line: Line | null;
  waiting: CallRow[];
  expectedWaitSec: number | null;
}

export const toQueued = (row: CallRow) => ({ id: row.id, urgency: row.urgency, createdAt: row.created_at });
