import { z } from 'zod';
import { Id, Role } from './common.js';
import { OutcomeCodeDef, Topic } from './outcomes.js';

export const ProfessionalGroup = z.enum([
  'consultant',
  'specialty_doctor',
  'resident_doctor',
  'gp',
  'nurse',
  'nurse_practitioner',
  'pharmacist',
  'paramedic',
  'allied_health',
  'other',
]);
export type ProfessionalGroup = z.infer<typeof ProfessionalGroup>;

export const OrganisationKind = z.enum(['acute_trust', 'mental_health_trust', 'community_trust', 'gp_practice', 'other']);

export interface Organisation {
  id: string;
  name: string;
  kind: z.infer<typeof OrganisationKind>;
}

export interface UserPublic {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  professionalGroup: ProfessionalGroup;
  organisationId: string;
  organisationName: string;
}

/** Who is on the other end of a call, as shown on screen. */
export interface PartyInfo {
  userId: string;
  displayName: string;
  professionalGroup: ProfessionalGroup;
  organisationName: string;
}

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time: HH:MM');

/** Hours of cover. Weekly windows are read in the line's IANA time zone; end may be before start (overnight). */
export const HoursOfCover = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('always') }),
  z.strictObject({
    kind: z.literal('weekly'),
    /** 0 = Sunday … 6 = Saturday: the day the window starts on. */
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    start: HHMM,
    end: HHMM,
    timeZone: z.string().min(1).max(64).default('Europe/London'),
  }),
]);
export type HoursOfCover = z.infer<typeof HoursOfCover>;

export const RoutingStrategy = z.enum(['ring_all', 'longest_idle', 'rota_order']);
export type RoutingStrategy = z.infer<typeof RoutingStrategy>;

/** A line's full definition, as an admin edits it. */
export const LineConfig = z.strictObject({
  name: z.string().trim().min(1).max(120),
  specialty: z.string().trim().min(1).max(120),
  providerOrgId: Id,
  /** Internal lines are set up by an organisation for its own staff. */
  internal: z.boolean(),
  hours: HoursOfCover,
  routing: RoutingStrategy,
  /** How long one specialist rings before the offer moves on (longest-idle, rota) or they are marked not responding. */
  ringTimeoutSec: z.number().int().min(5).max(300),
  /** How long a caller may wait before the call ends `unanswered` with a call-back request. */
  maxWaitSec: z.number().int().min(10).max(3600),
  /** Service-level target: answered within this many seconds. */
  answerTargetSec: z.number().int().min(5).max(3600),
  adviceOutcomes: z.array(OutcomeCodeDef).min(1).max(30),
  patientOutcomes: z.array(OutcomeCodeDef).min(1).max(30),
  topics: z.array(Topic).max(100),
  /** Organisations whose users may call this line. */
  callerOrgIds: z.array(Id).max(500),
  /** Specialists covering the line; for rota_order, the order they are tried in. */
  specialistIds: z.array(Id).max(500),
  active: z.boolean().default(true),
});
export type LineConfig = z.infer<typeof LineConfig>;

export interface Line extends LineConfig {
  id: string;
  providerOrgName: string;
}

/** A line as a caller sees it in the directory. */
export interface DirectoryEntry {
  id: string;
  name: string;
  specialty: string;
  providerOrgId: string;
  providerOrgName: string;
  internal: boolean;
  hours: HoursOfCover;
  inHours: boolean;
  availableSpecialists: number;
  waiting: number;
  /** From the line's recent answer times; null when there is no recent history. */
  expectedWaitSec: number | null;
  maxWaitSec: number;
}

/** A line as a covering specialist sees it beside the queue (its waiting calls are the queue items on it). */
export interface CoveredLine {
  id: string;
  name: string;
  specialty: string;
  availableSpecialists: number;
}

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}
