import { expect, it } from 'vitest';
import { outcomeSetsOf } from '../../../signaling/calls/outcome-sets.js';

const stored = (topic: string) => JSON.stringify({ adviceOutcomes: [{ code: 'A', label: 'A', category: 'avoided', needsNote: false }], patientOutcomes: [], topics: [topic] });

it('parses a stored set once and shares it, frozen, between the calls that stored the same text', () => {
  const a = outcomeSetsOf({ outcome_sets: stored('Chest pain') }, null);
  const b = outcomeSetsOf({ outcome_sets: stored('Chest pain') }, null);
  expect(b).toBe(a);
  expect(a.topics).toEqual(['Chest pain']);
  expect(Object.isFrozen(a.adviceOutcomes[0])).toBe(true);
  expect(() => a.topics.push('changed')).toThrow();
  const other = outcomeSetsOf({ outcome_sets: stored('Anticoagulation') }, null);
  expect(other).not.toBe(a);
  expect(other.topics).toEqual(['Anticoagulation']);
});

it('falls back to the line, or to empty lists, for a call stored without sets', () => {
  expect(outcomeSetsOf({ outcome_sets: null }, null)).toEqual({ adviceOutcomes: [], patientOutcomes: [], topics: [] });
});
