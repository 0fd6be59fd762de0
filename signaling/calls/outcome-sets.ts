import type { Line, OutcomeCodeDef } from '../protocol.js';
import type { CallRow } from './store.js';

/** The outcome codes and topics a call is recorded against. */
export interface OutcomeSets {
  adviceOutcomes: OutcomeCodeDef[];
  patientOutcomes: OutcomeCodeDef[];
  topics: string[];
}

/** What a new call on this line stores in `calls.outcome_sets`. */
export function snapshotOutcomeSets(line: Line): string {
  const sets: OutcomeSets = { adviceOutcomes: line.adviceOutcomes, patientOutcomes: line.patientOutcomes, topics: line.topics };
  return JSON.stringify(sets);
}

/** The call's own sets; calls placed before they were stored fall back to the line's current lists. */
export function outcomeSetsOf(row: Pick<CallRow, 'outcome_sets'>, line: Line | null | undefined): OutcomeSets {
  if (row.outcome_sets) return JSON.parse(row.outcome_sets) as OutcomeSets;
  return { adviceOutcomes: line?.adviceOutcomes ?? [], patientOutcomes: line?.patientOutcomes ?? [], topics: line?.topics ?? [] };
}
