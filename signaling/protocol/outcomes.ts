import { z } from 'zod';
import { ClientUuid, EpochMs, Id } from './common.js';

export const OutcomeCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,47}$/, 'outcome code: UPPER_SNAKE_CASE');

/**
 * What an outcome means for the patient's pathway. Reports count `avoided` as the headline
 * "care kept where the patient is"; custom codes on a line must say which bucket they fall in.
 */
export const OutcomeCategory = z.enum(['avoided', 'referral', 'transfer', 'follow_up', 'redirected', 'other']);
export type OutcomeCategory = z.infer<typeof OutcomeCategory>;

export const OutcomeCodeDef = z.object({
  code: OutcomeCode,
  label: z.string().min(1).max(120),
  category: OutcomeCategory,
  /** The form asks for free text when this code is chosen (e.g. OTHER). */
  needsNote: z.boolean().default(false),
});
export type OutcomeCodeDef = z.infer<typeof OutcomeCodeDef>;

export const DEFAULT_ADVICE_OUTCOMES: OutcomeCodeDef[] = [
  { code: 'ADVICE_MANAGE_IN_PLACE', label: 'Advice given, patient managed where they are', category: 'avoided', needsNote: false },
  { code: 'ADVICE_ROUTINE_REFERRAL', label: 'Advice given, routine referral', category: 'referral', needsNote: false },
  { code: 'URGENT_REFERRAL', label: 'Urgent referral or rapid-access clinic', category: 'referral', needsNote: false },
  { code: 'TRANSFER_OR_ADMIT', label: 'Transfer to ED / admission advised', category: 'transfer', needsNote: false },
  { code: 'FOLLOW_UP_CALL', label: 'More information needed, call back', category: 'follow_up', needsNote: false },
  { code: 'WRONG_SPECIALTY', label: 'Redirected to another specialty', category: 'redirected', needsNote: false },
];

export const DEFAULT_PATIENT_OUTCOMES: OutcomeCodeDef[] = [
  { code: 'AVOIDED_REFERRAL', label: 'Referral avoided', category: 'avoided', needsNote: false },
  { code: 'AVOIDED_TRANSFER', label: 'Transfer / admission avoided', category: 'avoided', needsNote: false },
  { code: 'REFERRAL_NEEDED', label: 'Referral still needed', category: 'referral', needsNote: false },
  { code: 'TRANSFER_NEEDED', label: 'Transfer / admission still needed', category: 'transfer', needsNote: false },
  { code: 'OTHER', label: 'Other', category: 'other', needsNote: true },
];

export const OutcomeNote = z.string().trim().max(2000);
export const Topic = z.string().trim().min(1).max(80);

/** Specialist's advice outcome. `outcomeId` is made by the client and kept in its outbox until acknowledged. */
export const AdviceOutcomeInput = z.strictObject({
  outcomeId: ClientUuid,
  callId: Id,
  code: OutcomeCode,
  topic: Topic.optional(),
  note: OutcomeNote.optional(),
  /** When the specialist pressed save, on their clock; the server also stores its own receive time. */
  enteredAt: EpochMs,
});
export type AdviceOutcomeInput = z.infer<typeof AdviceOutcomeInput>;

/** Caller's patient outcome. */
export const PatientOutcomeInput = z.strictObject({
  outcomeId: ClientUuid,
  callId: Id,
  code: OutcomeCode,
  note: OutcomeNote.optional(),
  enteredAt: EpochMs,
});
export type PatientOutcomeInput = z.infer<typeof PatientOutcomeInput>;

export interface OutcomeView {
  outcomeId: string;
  code: string;
  label: string;
  category: OutcomeCategory;
  topic: string | null;
  note: string | null;
  enteredAt: number;
  receivedAt: number;
}

export interface OutcomeAck {
  outcomeId: string;
  /** True when this outcomeId was already stored: the resend changed nothing. */
  duplicate: boolean;
}
