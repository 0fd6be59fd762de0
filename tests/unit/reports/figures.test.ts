import { beforeEach, describe, expect, it } from 'vitest';
import type { Data } from '../../../signaling/db/data.js';
import { ReportQuery, reportTable } from '../../../signaling/protocol.js';
import { buildReport } from '../../../signaling/reports/build-report.js';
import { resolveFilters } from '../../../signaling/reports/filters.js';
import { tempDataForEach } from '../../support/temp-db.js';

/**
 * The SQL figure modules against a hand-made call table with exact timestamps (the integration test
 * drives the real protocol). Runs on the run's store (ONCALL_TEST_STORE): the expected figures are
 * fixed numbers, so SQLite and PostgreSQL must give the same ones.
 */
const t = tempDataForEach('oncall-figures-');
const S = 1000;
const day = (iso: string) => Date.parse(`${iso}Z`);

interface CallSeed {
  id: string;
  line: 'cardio' | 'psych' | 'derm';
  caller: 'gpA' | 'nurseB';
  state: string;
  created: number;
  waitS?: number;
  lengthS?: number;
  endS?: number;
  advice?: [string, string, string | null];
  patient?: [string, string];
  /** The advice outcome's label (default `label <code>`) and when both outcomes were stored (default `created`). */
  adviceLabel?: string;
  received?: number;
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

async function seed(data: Data): Promise<void> {
  const db = data.q();
  await db
    .insertInto('organisations')
    .values([
      { id: 'hosp', name: 'City Hospital', kind: 'acute_trust' },
      { id: 'mh', name: 'Mind Trust', kind: 'mental_health_trust' },
      { id: 'gp1', name: 'Hill Surgery, North', kind: 'gp_practice' },
      { id: 'gp2', name: 'Vale Practice', kind: 'gp_practice' },
    ])
    .execute();
  const user = (id: string, username: string, displayName: string, role: string, group: string, org: string) => ({
    id,
    username,
    display_name: displayName,
    role,
    professional_group: group,
    organisation_id: org,
    password_hash: 'x',
    created_at: 0,
  });
  await db
    .insertInto('users')
    .values([
      user('spec', 'spec', 'Dr Spec', 'specialist', 'consultant', 'hosp'),
      user('gpA', 'gpa', 'Dr A', 'caller', 'gp', 'gp1'),
      user('nurseB', 'nurseb', 'Nurse B', 'caller', 'nurse', 'gp2'),
    ])
    .execute();
  const line = (id: string, name: string, specialty: string, org: string, targetSec: number) => ({
    id,
    name,
    specialty,
    provider_org_id: org,
    internal: 0,
    hours_json: '{"kind":"always"}',
    routing: 'ring_all',
    ring_timeout_sec: 20,
    max_wait_sec: 300,
    answer_target_sec: targetSec,
    advice_outcomes_json: '[]',
    patient_outcomes_json: '[]',
    topics_json: '[]',
    created_at: 0,
    updated_at: 0,
  });
  await db
    .insertInto('lines')
    .values([line('cardio', 'Cardiology advice', 'Cardiology', 'hosp', 30), line('psych', 'Liaison psychiatry', 'Psychiatry', 'mh', 60)])
    .execute();
  for (const c of CALLS) await insertCall(data, c);
}

async function insertCall(data: Data, c: CallSeed): Promise<void> {
  const db = data.q();
  const answered = c.waitS === undefined ? null : c.created + c.waitS * S;
  const ended = c.lengthS !== undefined && answered !== null ? answered + c.lengthS * S : c.endS === undefined ? null : c.created + c.endS * S;
  await db
    .insertInto('calls')
    .values({
      id: c.id,
      request_id: c.id,
      line_id: c.line,
      caller_id: c.caller,
      specialist_id: answered ? 'spec' : null,
      state: c.state,
      urgency: 'soon',
      question: 'q',
      age_band: 'adult_18_64',
      care_setting: 'primary_care',
      created_at: c.created,
      answered_at: answered,
      ended_at: ended,
    })
    .execute();
  const outcome = (side: string, author: string, code: string, category: string, topic: string | null) => ({
    id: `${c.id}-${side[0]}`,
    call_id: c.id,
    side,
    author_id: author,
    code,
    label: side === 'advice' && c.adviceLabel ? c.adviceLabel : `label ${code}`,
    category,
    topic,
    entered_at: 0,
    received_at: c.received ?? c.created,
  });
  if (c.advice) await db.insertInto('outcomes').values(outcome('advice', 'spec', c.advice[0], c.advice[1], c.advice[2])).execute();
  if (c.patient) await db.insertInto('outcomes').values(outcome('patient', c.caller, c.patient[0], c.patient[1], null)).execute();
}

beforeEach(() => seed(t.data));

const report = (q: Record<string, string>) => buildReport(t.data, resolveFilters(ReportQuery.parse(q)), 1);
const counts = (offered: number, answered: number, abandoned: number, unanswered: number, failed: number, waiting: number, withPatientOutcome: number, avoided: number) =>
  ({ offered, answered, abandoned, unanswered, failed, waiting, withPatientOutcome, avoided });

describe('report figures over a known call table', () => {
  it('computes every headline figure exactly (London calendar, 1 Jan – 30 Apr 2025)', async () => {
    const r = await report({ from: '2025-01-01', to: '2025-04-30' });
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

  it('breaks the same calls down by specialty, month, caller organisation and professional group', async () => {
    const r = await report({ from: '2025-01-01', to: '2025-04-30' });
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

  it('mixes outcomes by code and category on both sides and ranks topics per line', async () => {
    const r = await report({ from: '2025-01-01', to: '2025-04-30' });
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

  it('reads calendar dates in the chosen time zone: a call belongs to the day it was created there', async () => {
    expect((await report({ from: '2025-01-01', to: '2025-03-31' })).summary.offered).toBe(7); // c8 is 1 April in London
    const utc = await report({ from: '2025-01-01', to: '2025-03-31', timeZone: 'UTC' });
    expect(utc.summary.offered).toBe(8);
    expect(utc.byMonth.map((m) => [m.month, m.offered])).toEqual([['2025-01', 2], ['2025-02', 3], ['2025-03', 3]]);
    expect((await report({})).summary.offered).toBe(9);
    const epoch = await report({ from: String(day('2025-01-10T12:00:00')), to: String(day('2025-01-10T13:00:00')) });
    expect(epoch.summary.offered).toBe(1); // `to` as an instant is exclusive
  });

  it('applies each filter', async () => {
    expect((await report({ lineId: 'psych' })).summary).toMatchObject(counts(3, 1, 1, 1, 0, 0, 0, 0));
    expect((await report({ providerOrgId: 'mh' })).summary.offered).toBe(3);
    expect((await report({ providerOrgId: 'hosp', from: '2025-01-01' })).summary.offered).toBe(5);
    expect((await report({ callerOrgId: 'gp2' })).summary).toMatchObject(counts(3, 2, 0, 0, 1, 0, 1, 1));
    expect((await report({ professionalGroup: 'nurse', lineId: 'cardio' })).summary.offered).toBe(2);
    expect((await report({ lineId: 'nope' })).summary).toMatchObject({ offered: 0, answerRate: { value: null }, timeToAnswer: { averageMs: null, p90Ms: null } });
    expect((await report({ lineId: 'nope' })).byMonth).toEqual([]);
  });

  it('tables carry the same numbers as the figures', async () => {
    const r = await report({ from: '2025-01-01', to: '2025-04-30' });
    const spec = reportTable(r, 'by-specialty');
    expect(spec.header).toEqual(['specialty', 'offered', 'answered', 'abandoned', 'unanswered', 'failed', 'waiting', 'withPatientOutcome', 'avoided']);
    expect(spec.rows.reduce((n, row) => n + Number(row[1]), 0)).toBe(r.summary.offered);
    const summary = Object.fromEntries(reportTable(r, 'summary').rows.map((row) => [row[0], row[1]]));
    expect(summary).toMatchObject({ offered: 8, answered: 4, answer_rate: 0.5, service_level: 0.375, time_to_answer_p90_ms: 50_000, call_length_median_ms: 240_000 });
  });

  it('orders ties and text the same on every store: counts, then byte order (capitals first); a relabelled code shows its newest label', async () => {
    const db = t.data.q();
    await db
      .insertInto('lines')
      .values({
        id: 'derm', name: 'acute dermatology', specialty: 'dermatology', provider_org_id: 'hosp', internal: 0, hours_json: '{"kind":"always"}',
        routing: 'ring_all', ring_timeout_sec: 20, max_wait_sec: 300, answer_target_sec: 30, advice_outcomes_json: '[]',
        patient_outcomes_json: '[]', topics_json: '[]', created_at: 0, updated_at: 0,
      })
      .execute();
    const may = day('2025-05-06T10:00:00');
    const later = day('2025-06-01T00:00:00');
    const extra: CallSeed[] = [
      { id: 'd1', line: 'derm', caller: 'gpA', state: 'closed', created: may, waitS: 5, lengthS: 60, advice: ['ADVICE_MANAGE_IN_PLACE', 'avoided', 'acne'], received: later },
      { id: 'd2', line: 'derm', caller: 'gpA', state: 'closed', created: may + 60_000, waitS: 5, lengthS: 60, advice: ['URGENT_REFERRAL', 'referral', 'Zinc'] },
      // Stored in the same millisecond as d1's: of the two labels, the greater outcome id's (d3-a) is shown.
      { id: 'd3', line: 'cardio', caller: 'nurseB', state: 'closed', created: may + 120_000, waitS: 5, lengthS: 60, advice: ['ADVICE_MANAGE_IN_PLACE', 'avoided', 'ECG interpretation'], adviceLabel: 'Managed in place (renamed)', received: later },
      { id: 'd4', line: 'psych', caller: 'gpA', state: 'abandoned', created: may + 180_000, endS: 10 },
      { id: 'd5', line: 'psych', caller: 'nurseB', state: 'abandoned', created: may + 240_000, endS: 10 },
    ];
    for (const c of extra) await insertCall(t.data, c);
    const r = await report({ from: '2025-05-01', to: '2025-05-31' });
    expect(r.bySpecialty.map((s) => [s.specialty, s.offered])).toEqual([['Psychiatry', 2], ['dermatology', 2], ['Cardiology', 1]]);
    expect(r.byCallerOrganisation.map((o) => [o.organisationId, o.offered])).toEqual([['gp1', 3], ['gp2', 2]]);
    expect(r.topics).toEqual([
      { lineId: 'cardio', lineName: 'Cardiology advice', rank: 1, topic: 'ECG interpretation', count: 1 },
      { lineId: 'derm', lineName: 'acute dermatology', rank: 1, topic: 'Zinc', count: 1 },
      { lineId: 'derm', lineName: 'acute dermatology', rank: 2, topic: 'acne', count: 1 },
    ]);
    expect(r.outcomes).toEqual([
      { side: 'advice', code: 'ADVICE_MANAGE_IN_PLACE', label: 'Managed in place (renamed)', category: 'avoided', count: 2 },
      { side: 'advice', code: 'URGENT_REFERRAL', label: 'label URGENT_REFERRAL', category: 'referral', count: 1 },
    ]);
    expect(r.summary).toMatchObject({ ...counts(5, 3, 2, 0, 0, 0, 0, 0), answeredWithoutAdviceOutcome: 0, timeToAnswer: { count: 3, averageMs: 5000, p90Ms: 5000 } });
    // The earlier calls' outcomes are shown with the code's newest label too.
    expect((await report({ from: '2025-01-01', to: '2025-04-30' })).outcomes[0]).toMatchObject({ code: 'ADVICE_MANAGE_IN_PLACE', label: 'Managed in place (renamed)', count: 2 });
  });

  it('joins a transaction it is called in', async () => {
    const r = await t.data.transaction(() => report({ from: '2025-01-01', to: '2025-04-30' }));
    expect(r.summary.offered).toBe(8);
  });

  it('rejects a range that ends before it starts, and bad query values', () => {
    expect(() => resolveFilters(ReportQuery.parse({ from: '2025-02-01', to: '2025-01-01' }))).toThrow(/after/);
    expect(ReportQuery.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(ReportQuery.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(ReportQuery.safeParse({ professionalGroup: 'wizard' }).success).toBe(false);
    expect(ReportQuery.safeParse({ lineId: 'x', extra: '1' }).success).toBe(false);
  });
});
