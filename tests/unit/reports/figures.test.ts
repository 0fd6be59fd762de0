import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../signaling/db/database.js';
import { ReportQuery, reportTable } from '../../../signaling/protocol.js';
import { buildReport } from '../../../signaling/reports/build-report.js';
import { resolveFilters } from '../../../signaling/reports/filters.js';


/** The SQL figure modules against a hand-made call table with exact timestamps (the integration test drives the real protocol). */
let db: Database.Database;
const S = 1000;
const day = (iso: string) => Date.parse(`${iso}Z`);

interface CallSeed {
  id: string;
  line: 'cardio' | 'psych';
  caller: 'gpA' | 'nurseB';
  state: string;
  created: number;
  waitS?: number;
  lengthS?: number;
  endS?: number;
  advice?: [string, string, string | null];
  patient?: [string, string];
}

const CALLS: CallSeed[] = [
  { id: 'c1', line: 'cardio', caller: 'gpA', state: 'closed', created: day('2025-01-10T12:00:00'), waitS: 10, lengthS: 300, advice: ['ADVICE_MANAGE_IN_PLACE', 'avoided', 'ECG interpretation'], patient: ['AVOIDED_REFERRAL', 'avoided'] },
  { id: 'c2', line: 'cardio', caller: 'gpA', state: 'closed', created: day('2025-01-10T13:00:00'), waitS: 40, lengthS: 120, advice: ['URGENT_REFERRAL', 'referral', 'ECG interpretation'], patient: ['REFERRAL_NEEDED', 'referral'] },
  { id: 'c3', line: 'cardio', caller: 'nurseB', state: 'wrap_up', created: day('2025-02-03T09:00:00'), waitS: 20, lengthS: 600, patient: ['AVOIDED_TRANSFER', 'avoided'] },
  { id: 'c4', line: 'psych', caller: 'nurseB', state: 'closed', created: day('2025-02-10T22:00:00'), waitS: 50, lengthS: 180, advice: ['ADVICE_MANAGE_IN_PLACE', 'avoided', 'Lithium'] },
  { id: 'c5', line: 'psych', caller: 'gpA', state: 'abandoned', created: day('2025-02-11T08:00:00'), endS: 30 },
  { id: 'c6', line: 'psych', caller: 'gpA', state: 'unanswered', created: day('2025-03-01T08:00:00'), endS: 120 },
  { id: 'c7', line: 'cardio', caller: 'nurseB', state: 'failed', created: day('2025-03-02T08:00:00'), waitS: 15, endS: 20 },
  // 1 April 00:30 in London, still 31 March in UTC.
  { id: 'c8', line: 'cardio', caller: 'gpA', state: 'queued', created: day('2025-03-31T23:30:00') },
  { id: 'c9', line: 'cardio', caller: 'gpA', state: 'closed', created: day('2024-12-20T10:00:00'), waitS: 5, lengthS: 60 },
];

beforeAll(() => {
  db = new Database(':memory:');
  migrate(db);
  const org = db.prepare('INSERT INTO organisations (id, name, kind) VALUES (?, ?, ?)');
  org.run('hosp', 'City Hospital', 'acute_trust');
  org.run('mh', 'Mind Trust', 'mental_health_trust');
  org.run('gp1', 'Hill Surgery, North', 'gp_practice');
  org.run('gp2', 'Vale Practice', 'gp_practice');
  const user = db.prepare(
    `INSERT INTO users (id, username, display_name, role, professional_group, organisation_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, 'x', 0)`,
  );
  user.run('spec', 'spec', 'Dr Spec', 'specialist', 'consultant', 'hosp');
  user.run('gpA', 'gpa', 'Dr A', 'caller', 'gp', 'gp1');
  user.run('nurseB', 'nurseb', 'Nurse B', 'caller', 'nurse', 'gp2');
  const line = db.prepare(
    `INSERT INTO lines (id, name, specialty, provider_org_id, internal, hours_json, routing, ring_timeout_sec, max_wait_sec,
       answer_target_sec, advice_outcomes_json, patient_outcomes_json, topics_json, created_at, updated_at)
     VALUES (?, ?, ?, ?, 0, '{"kind":"always"}', 'ring_all', 20, 300, ?, '[]', '[]', '[]', 0, 0)`,
  );
  line.run('cardio', 'Cardiology advice', 'Cardiology', 'hosp', 30);
  line.run('psych', 'Liaison psychiatry', 'Psychiatry', 'mh', 60);
  const call = db.prepare(
    `INSERT INTO calls (id, request_id, line_id, caller_id, specialist_id, state, urgency, question, age_band, care_setting,
       created_at, answered_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, 'soon', 'q', 'adult_18_64', 'primary_care', ?, ?, ?)`,
  );
  const outcome = db.prepare(
    `INSERT INTO outcomes (id, call_id, side, author_id, code, label, category, topic, entered_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  for (const c of CALLS) {
    const answered = c.waitS === undefined ? null : c.created + c.waitS * S;
    const ended = c.lengthS !== undefined && answered !== null ? answered + c.lengthS * S : c.endS === undefined ? null : c.created + c.endS * S;
    call.run(c.id, c.id, c.line, c.caller, answered ? 'spec' : null, c.state, c.created, answered, ended);
    if (c.advice) outcome.run(`${c.id}-a`, c.id, 'advice', 'spec', c.advice[0], `label ${c.advice[0]}`, c.advice[1], c.advice[2], c.created);
    if (c.patient) outcome.run(`${c.id}-p`, c.id, 'patient', c.caller, c.patient[0], `label ${c.patient[0]}`, c.patient[1], null, c.created);
  }
});
afterAll(() => db.close());

const report = (q: Record<string, string>) => buildReport(db, resolveFilters(ReportQuery.parse(q)), 1);
const counts = (offered: number, answered: number, abandoned: number, unanswered: number, failed: number, waiting: number, withPatientOutcome: number, avoided: number) =>
  ({ offered, answered, abandoned, unanswered, failed, waiting, withPatientOutcome, avoided });

describe('report figures over a known call table', () => {
  it('computes every headline figure exactly (London calendar, 1 Jan – 30 Apr 2025)', () => {
    const r = report({ from: '2025-01-01', to: '2025-04-30' });
    expect(r.range).toEqual({ from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 3, 30, 23), timeZone: 'Europe/London' });
    expect(r.summary).toEqual({
      ...counts(8, 4, 1, 1, 1, 1, 3, 2),
      answerRate: { numerator: 4, denominator: 8, value: 0.5 },
      timeToAnswer: { count: 4, averageMs: 30_000, p90Ms: 50_000 },
      answeredWithinTarget: 3,
      serviceLevel: { numerator: 3, denominator: 8, value: 0.375 },
      callLength: { count: 4, medianMs: 240_000 },
      avoidedShare: { numerator: 2, denominator: 3, value: 2 / 3 },
      answeredWithoutPatientOutcome: 1,
      answeredWithoutAdviceOutcome: 1,
    });
  });

  it('breaks the same calls down by specialty, month, caller organisation and professional group', () => {
    const r = report({ from: '2025-01-01', to: '2025-04-30' });
    expect(r.bySpecialty).toEqual([
      { specialty: 'Cardiology', ...counts(5, 3, 0, 0, 1, 1, 3, 2) },
      { specialty: 'Psychiatry', ...counts(3, 1, 1, 1, 0, 0, 0, 0) },
    ]);
    expect(r.byMonth).toEqual([
      { month: '2025-01', ...counts(2, 2, 0, 0, 0, 0, 2, 1) },
      { month: '2025-02', ...counts(3, 2, 1, 0, 0, 0, 1, 1) },
      { month: '2025-03', ...counts(2, 0, 0, 1, 1, 0, 0, 0) },
      { month: '2025-04', ...counts(1, 0, 0, 0, 0, 1, 0, 0) },
    ]);
    expect(r.byCallerOrganisation).toEqual([
      { organisationId: 'gp1', organisationName: 'Hill Surgery, North', ...counts(5, 2, 1, 1, 0, 1, 2, 1) },
      { organisationId: 'gp2', organisationName: 'Vale Practice', ...counts(3, 2, 0, 0, 1, 0, 1, 1) },
    ]);
    expect(r.byProfessionalGroup).toEqual([
      { professionalGroup: 'gp', ...counts(5, 2, 1, 1, 0, 1, 2, 1) },
      { professionalGroup: 'nurse', ...counts(3, 2, 0, 0, 1, 0, 1, 1) },
    ]);
  });

  it('mixes outcomes by code and category on both sides and ranks topics per line', () => {
    const r = report({ from: '2025-01-01', to: '2025-04-30' });
    expect(r.outcomes).toEqual([
      { side: 'advice', code: 'ADVICE_MANAGE_IN_PLACE', label: 'label ADVICE_MANAGE_IN_PLACE', category: 'avoided', count: 2 },
      { side: 'advice', code: 'URGENT_REFERRAL', label: 'label URGENT_REFERRAL', category: 'referral', count: 1 },
      { side: 'patient', code: 'AVOIDED_REFERRAL', label: 'label AVOIDED_REFERRAL', category: 'avoided', count: 1 },
      { side: 'patient', code: 'AVOIDED_TRANSFER', label: 'label AVOIDED_TRANSFER', category: 'avoided', count: 1 },
      { side: 'patient', code: 'REFERRAL_NEEDED', label: 'label REFERRAL_NEEDED', category: 'referral', count: 1 },
    ]);
    expect(r.outcomeCategories).toEqual([
      { side: 'advice', category: 'avoided', count: 2 },
      { side: 'advice', category: 'referral', count: 1 },
      { side: 'patient', category: 'avoided', count: 2 },
      { side: 'patient', category: 'referral', count: 1 },
    ]);
    expect(r.topics).toEqual([
      { lineId: 'cardio', lineName: 'Cardiology advice', rank: 1, topic: 'ECG interpretation', count: 2 },
      { lineId: 'psych', lineName: 'Liaison psychiatry', rank: 1, topic: 'Lithium', count: 1 },
    ]);
  });

  it('reads calendar dates in the chosen time zone: a call belongs to the day it was created there', () => {
    expect(report({ from: '2025-01-01', to: '2025-03-31' }).summary.offered).toBe(7); // c8 is 1 April in London
    const utc = report({ from: '2025-01-01', to: '2025-03-31', timeZone: 'UTC' });
    expect(utc.summary.offered).toBe(8);
    expect(utc.byMonth.map((m) => [m.month, m.offered])).toEqual([['2025-01', 2], ['2025-02', 3], ['2025-03', 3]]);
    expect(report({}).summary.offered).toBe(9);
    const epoch = report({ from: String(day('2025-01-10T12:00:00')), to: String(day('2025-01-10T13:00:00')) });
    expect(epoch.summary.offered).toBe(1); // `to` as an instant is exclusive
  });

  it('applies each filter', () => {
    expect(report({ lineId: 'psych' }).summary).toMatchObject(counts(3, 1, 1, 1, 0, 0, 0, 0));
    expect(report({ providerOrgId: 'mh' }).summary.offered).toBe(3);
    expect(report({ providerOrgId: 'hosp', from: '2025-01-01' }).summary.offered).toBe(5);
    expect(report({ callerOrgId: 'gp2' }).summary).toMatchObject(counts(3, 2, 0, 0, 1, 0, 1, 1));
    expect(report({ professionalGroup: 'nurse', lineId: 'cardio' }).summary.offered).toBe(2);
    expect(report({ lineId: 'nope' }).summary).toMatchObject({ offered: 0, answerRate: { value: null }, timeToAnswer: { averageMs: null, p90Ms: null } });
    expect(report({ lineId: 'nope' }).byMonth).toEqual([]);
  });

  it('tables carry the same numbers as the figures', () => {
    const r = report({ from: '2025-01-01', to: '2025-04-30' });
    const spec = reportTable(r, 'by-specialty');
    expect(spec.header).toEqual(['specialty', 'offered', 'answered', 'abandoned', 'unanswered', 'failed', 'waiting', 'withPatientOutcome', 'avoided']);
    expect(spec.rows.reduce((n, row) => n + Number(row[1]), 0)).toBe(r.summary.offered);
    const summary = Object.fromEntries(reportTable(r, 'summary').rows.map((row) => [row[0], row[1]]));
    expect(summary).toMatchObject({ offered: 8, answered: 4, answer_rate: 0.5, service_level: 0.375, time_to_answer_p90_ms: 50_000, call_length_median_ms: 240_000 });
  });

  it('rejects a range that ends before it starts, and bad query values', () => {
    expect(() => resolveFilters(ReportQuery.parse({ from: '2025-02-01', to: '2025-01-01' }))).toThrow(/after/);
    expect(ReportQuery.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(ReportQuery.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(ReportQuery.safeParse({ professionalGroup: 'wizard' }).success).toBe(false);
    expect(ReportQuery.safeParse({ lineId: 'x', extra: '1' }).success).toBe(false);
  });
});
