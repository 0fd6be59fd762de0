import { deepFreeze } from '../deep-freeze.js';
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

/**
 * Parsed sets by their stored text. Every call on a line stores the same text until an admin edits
 * the line, so a few entries serve every call view: one parse per line, not one per event.
 */
const parsed = new Map<string, OutcomeSets>();
const MAX_PARSED = 256;

/** The call's own sets (shared and frozen); calls placed before they were stored fall back to the line's current lists. */
export function outcomeSetsOf(row: Pick<CallRow, 'outcome_sets'>, line: Line | null | undefined): OutcomeSets {
  if (row.outcome_sets) {
    let sets = parsed.get(row.outcome_sets);
    if (!sets) {
      if (parsed.size >= MAX_PARSED) parsed.clear();
      parsed.set(row.outcome_sets, (sets = deepFreeze(JSON.parse(row.outcome_sets) as OutcomeSets)));
    }
    return sets;
  }
  return { adviceOutcomes: line?.adviceOutcomes ?? [], patientOutcomes: line?.patientOutcomes ?? [], topics: line?.topics ?? [] };
}
