import { z } from 'zod';
import { ClientUuid, Id } from './common.js';
import type { PartyInfo } from './directory.js';
import type { OutcomeCodeDef, OutcomeView } from './outcomes.js';

export const CallState = z.enum([
  'queued', // waiting, no specialist being offered it (e.g. none available)
  'ringing', // offered to one or more specialists
  'connected', // accepted: the two parties exchange signals
  'wrap_up', // hung up; the specialist records the advice outcome
  'closed', // advice outcome recorded
  'abandoned', // caller gave up before an answer
  'unanswered', // nobody answered within the line's maximum wait: call-back requested
  'failed', // media never connected
]);
export type CallState = z.infer<typeof CallState>;
/** Why a call ended, as stored on it and shown in its view. */
export const EndReason = z.enum([
  'caller_cancelled', // the caller gave up while waiting
  'caller_disconnected', // the waiting caller was gone past the reconnect grace
  'max_wait', // nobody answered within the line's maximum wait
  'caller_hung_up',
  'specialist_hung_up',
  'media_failed', // the audio never connected
  'caller_lost', // the caller's connection was lost mid-call, past the reconnect grace
  'specialist_lost', // the specialist's connection was lost mid-call, past the reconnect grace
]);
export type EndReason = z.infer<typeof EndReason>;

export const TERMINAL_CALL_STATES: readonly CallState[] = ['closed', 'abandoned', 'unanswered', 'failed'];
export const WAITING_CALL_STATES: readonly CallState[] = ['queued', 'ringing'];

/** Queue order is urgency first (lower rank first), then arrival. */
export const Urgency = z.enum(['urgent', 'soon', 'routine']);
export type Urgency = z.infer<typeof Urgency>;
export const URGENCY_RANK: Record<Urgency, number> = { urgent: 0, soon: 1, routine: 2 };

/** Patient context without identifiers. */
export const AgeBand = z.enum(['child', 'adult_18_64', 'older_65_plus', 'unknown']);
export const CareSetting = z.enum([
  'mental_health_inpatient',
  'mental_health_community',
  'primary_care',
  'care_home',
  'community_nursing',
  'acute_ward',
  'other',
]);
export const PatientContext = z.strictObject({ ageBand: AgeBand, setting: CareSetting });
export type PatientContext = z.infer<typeof PatientContext>;

export const QUESTION_MAX = 1000;

export const CallRequestInput = z.strictObject({
  /** Client-made, so a retried request after a reconnect does not queue the call twice. */
  requestId: ClientUuid,
  lineId: Id,
  question: z.string().trim().min(1, 'question is required').max(QUESTION_MAX),
  urgency: Urgency,
  patient: PatientContext,
  /** From POST /api/photos, uploaded by this caller and not yet attached to another call. */
  photoId: Id.optional(),
});
export type CallRequestInput = z.infer<typeof CallRequestInput>;

export const CallRef = z.strictObject({ callId: Id });
export type CallRef = z.infer<typeof CallRef>;

export const HangupInput = z.strictObject({
  callId: Id,
  /** media_failed: the peer connection never came up (call ends `failed`). */
  reason: z.enum(['normal', 'media_failed']).default('normal'),
});
export type HangupInput = z.infer<typeof HangupInput>;

/**
 * simple-peer's signal payloads: offer/answer SDP, trickled ICE candidates, and its
 * renegotiate / transceiverRequest messages. Bounded so a client cannot push megabytes through.
 */
const IceCandidateInit = z.strictObject({
  candidate: z.string().max(2048),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
export const SignalData = z.union([
  z.strictObject({ type: z.enum(['offer', 'answer', 'pranswer', 'rollback']), sdp: z.string().max(32_000) }),
  z.strictObject({ type: z.literal('candidate'), candidate: IceCandidateInit }),
  z.strictObject({ type: z.literal('renegotiate'), renegotiate: z.literal(true) }),
  // OnCall's own, not simple-peer's: the caller's page took the call up anew (a reload), so the
  // specialist's side swaps its peer for a fresh one and offers again (renderer/call/engine.ts).
  z.strictObject({ type: z.literal('restart') }),
  z.strictObject({
    type: z.literal('transceiverRequest'),
    transceiverRequest: z.strictObject({ kind: z.enum(['audio', 'video']), init: z.record(z.string(), z.unknown()).optional() }),
  }),
]);
export type SignalData = z.infer<typeof SignalData>;

export const SignalInput = z.strictObject({ callId: Id, data: SignalData });
export type SignalInput = z.infer<typeof SignalInput>;

/** A waiting call as it appears in a specialist's queue. */
export interface QueueItem {
  callId: string;
  lineId: string;
  lineName: string;
  state: 'queued' | 'ringing';
  urgency: Urgency;
  question: string;
  patient: PatientContext;
  caller: PartyInfo;
  photoId: string | null;
  createdAt: number;
  /** True when this call is being offered to the recipient right now (it rings for them). */
  offeredToYou: boolean;
  /** When the current offer to the recipient times out; null for ring-all with no ring time-out. */
  offerExpiresAt: number | null;
}

/** A call as its two parties see it. */
export interface CallView {
  id: string;
  lineId: string;
  lineName: string;
  state: CallState;
  urgency: Urgency;
  question: string;
  patient: PatientContext;
  photoId: string | null;
  caller: PartyInfo;
  specialist: PartyInfo | null;
  createdAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  closedAt: number | null;
  endReason: EndReason | null;
  /** Caller only, while waiting: 1 = next to be answered. */
  position: number | null;
  expectedWaitSec: number | null;
  /** When a waiting call will end `unanswered`. */
  giveUpAt: number | null;
  callbackRequested: boolean;
  /**
   * Caller only: the request id their client placed the call with, so the screen that placed it
   * knows the call is its own (it carries the audio); null in the specialist's view.
   */
  requestId: string | null;
  /**
   * The codes (and topics) this viewer records once the call is answered, as they were when it was
   * placed: advice outcomes and topics in the specialist's view, patient outcomes in the caller's.
   * The other side's lists, and all of them before the call is answered, are empty.
   */
  adviceOutcomes: OutcomeCodeDef[];
  patientOutcomes: OutcomeCodeDef[];
  topics: string[];
  adviceOutcome: OutcomeView | null;
  patientOutcome: OutcomeView | null;
}

/** One row of a user's own call history. */
export interface CallHistoryItem {
  id: string;
  lineId: string;
  lineName: string;
  state: CallState;
  urgency: Urgency;
  question: string;
  counterpart: PartyInfo | null;
  createdAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  adviceOutcome: OutcomeView | null;
  patientOutcome: OutcomeView | null;
}

export const HistoryQuery = z.strictObject({
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  lineId: Id.optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** Presence. `available`/`away` are chosen by the specialist; the rest are set by the server. */
export const PresenceStatus = z.enum(['offline', 'available', 'away', 'busy', 'wrap_up']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;
export const PresenceInput = z.strictObject({ status: z.enum(['available', 'away']) });
export type PresenceInput = z.infer<typeof PresenceInput>;

/** Why the server changed someone's presence, so the UI can say so. */
export const PresenceReason = z.enum(['chosen', 'not_responding', 'in_call', 'wrap_up', 'outcome_recorded', 'signed_out', 'disconnected']);
export type PresenceReason = z.infer<typeof PresenceReason>;
