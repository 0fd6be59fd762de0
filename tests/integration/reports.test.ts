import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_COUNT_KEYS, ReportTable, type CallCounts, type ReportResponse } from '../../signaling/protocol.js';
import { withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { adminFetch, seedReportCalls, type Seeded } from './reports.seed.js';

let server: TestServer;
let seed: Seeded;
let report: ReportResponse;

beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.05 });
  seed = await seedReportCalls(server.url);
  report = (await adminFetch<ReportResponse>(server.url, seed.adminToken, 'GET', '/api/reports')).body;
}, 60_000);
afterAll(() => server.close());

const get = <T>(path: string) => adminFetch<T>(server.url, seed.adminToken, 'GET', path);
const counts = (offered: number, answered: number, abandoned: number, unanswered: number, failed: number, waiting: number, withPatientOutcome: number, avoided: number): CallCounts =>
  ({ offered, answered, abandoned, unanswered, failed, waiting, withPatientOutcome, avoided });

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

async function csv(table: string, query = ''): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const res = await fetch(`${server.url}/api/reports/${table}.csv${query}`, { headers: { authorization: `Bearer ${seed.adminToken}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const [header, ...rows] = parseCsv(await res.text());
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))) };
}

const sumBy = (rows: Record<string, string>[], key: string) => rows.reduce((n, r) => n + Number(r[key]), 0);

describe('reports over calls made through the real protocol', () => {
  it('counts every call exactly once: offered, answered, abandoned, unanswered, failed', () => {
    expect(report.summary).toMatchObject({
      ...counts(8, 5, 1, 1, 1, 0, 3, 2),
      answerRate: { numerator: 5, denominator: 8, value: 5 / 8 },
      avoidedShare: { numerator: 2, denominator: 3, value: 2 / 3 },
      answeredWithoutPatientOutcome: 2,
      answeredWithoutAdviceOutcome: 0,
    });
  });

  it('times answers and calls from the stored timestamps: average, nearest-rank p90, service level, median length', async () => {
    const rows = await withTestData(server, (data) =>
      data
        .q()
        .selectFrom('calls as c')
        .innerJoin('lines as l', 'l.id', 'c.line_id')
        .select(['c.id', 'c.state', 'c.created_at', 'c.answered_at', 'c.ended_at', 'l.answer_target_sec'])
        .where('c.state', 'in', ['connected', 'wrap_up', 'closed'])
        .execute(),
    );
    expect(rows.map((r) => r.id).sort()).toEqual([seed.calls.c1, seed.calls.c2, seed.calls.c3, seed.calls.c4, seed.calls.c8].sort());
    const waits = rows.map((r) => r.answered_at! - r.created_at).sort((a, b) => a - b);
    const lengths = rows.map((r) => r.ended_at! - r.answered_at!).sort((a, b) => a - b);
    expect(report.summary.timeToAnswer).toEqual({ count: 5, averageMs: waits.reduce((a, b) => a + b, 0) / 5, p90Ms: waits[4] }); // rank ⌈0.9·5⌉ = 5
    expect(report.summary.callLength).toEqual({ count: 5, medianMs: lengths[2] });
    const within = rows.filter((r) => r.answered_at! - r.created_at <= r.answer_target_sec * 1000).length;
    expect(report.summary.answeredWithinTarget).toBe(within);
    expect(report.summary.serviceLevel).toEqual({ numerator: within, denominator: 8, value: within / 8 });
  });

  it('breaks calls down by specialty, caller organisation, professional group and month', () => {
    expect(report.bySpecialty).toEqual([
      { specialty: 'Cardiology', ...counts(5, 4, 1, 0, 0, 0, 3, 2) },
      { specialty: 'Haematology', ...counts(2, 1, 0, 0, 1, 0, 0, 0) },
      { specialty: 'Dermatology', ...counts(1, 0, 0, 1, 0, 0, 0, 0) },
    ]);
    expect(report.byCallerOrganisation).toEqual([
      { organisationId: 'org-mh', organisationName: 'South London Demo Mental Health NHS Trust', ...counts(5, 3, 1, 0, 1, 0, 2, 2) },
      { organisationId: 'org-gp', organisationName: 'Riverside Demo GP Practice', ...counts(3, 2, 0, 1, 0, 0, 1, 0) },
    ]);
    expect(report.byProfessionalGroup).toEqual([
      { professionalGroup: 'gp', ...counts(3, 2, 0, 1, 0, 0, 1, 0) },
      { professionalGroup: 'resident_doctor', ...counts(3, 2, 0, 0, 1, 0, 1, 1) },
      { professionalGroup: 'nurse', ...counts(2, 1, 1, 0, 0, 0, 1, 1) },
    ]);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' }).format(report.generatedAt);
    expect(report.byMonth).toEqual([{ month, ...counts(8, 5, 1, 1, 1, 0, 3, 2) }]);
  });

  it('mixes both sides’ outcomes by code and category, and ranks topics per line', () => {
    expect(report.outcomes.map((o) => [o.side, o.code, o.category, o.count])).toEqual([
      ['advice', 'ADVICE_MANAGE_IN_PLACE', 'avoided', 2],
      ['advice', 'FOLLOW_UP_CALL', 'follow_up', 1],
      ['advice', 'TRANSFER_OR_ADMIT', 'transfer', 1],
      ['advice', 'URGENT_REFERRAL', 'referral', 1],
      ['patient', 'AVOIDED_REFERRAL', 'avoided', 1],
      ['patient', 'AVOIDED_TRANSFER', 'avoided', 1],
      ['patient', 'REFERRAL_NEEDED', 'referral', 1],
    ]);
    expect(report.outcomes.find((o) => o.code === 'AVOIDED_TRANSFER')?.label).toBe('Transfer / admission avoided');
    expect(report.outcomeCategories).toEqual([
      { side: 'advice', category: 'avoided', count: 2 },
      { side: 'advice', category: 'follow_up', count: 1 },
      { side: 'advice', category: 'referral', count: 1 },
      { side: 'advice', category: 'transfer', count: 1 },
      { side: 'patient', category: 'avoided', count: 2 },
      { side: 'patient', category: 'referral', count: 1 },
    ]);
    const { L1, L2 } = seed.lines;
    expect(report.topics).toEqual([
      { lineId: L1.id, lineName: 'Reports Cardiology', rank: 1, topic: 'ECG interpretation', count: 2 },
      { lineId: L1.id, lineName: 'Reports Cardiology', rank: 2, topic: 'Anticoagulation', count: 1 },
      { lineId: L2.id, lineName: 'Reports Haematology', rank: 1, topic: 'Clozapine and neutropenia', count: 1 },
    ]);
  });

  it('filters by line, provider, caller organisation and professional group', async () => {
    const { L2, L3 } = seed.lines;
    const summary = async (q: string) => (await get<ReportResponse>(`/api/reports?${q}`)).body.summary;
    expect(await summary(`lineId=${L2.id}`)).toMatchObject(counts(2, 1, 0, 0, 1, 0, 0, 0));
    expect(await summary('providerOrgId=org-mh')).toMatchObject({ offered: 1, unanswered: 1 });
    expect((await summary(`providerOrgId=org-mh&lineId=${L3.id}`)).offered).toBe(1);
    expect(await summary('callerOrgId=org-gp')).toMatchObject(counts(3, 2, 0, 1, 0, 0, 1, 0));
    expect(await summary('professionalGroup=nurse')).toMatchObject({ ...counts(2, 1, 1, 0, 0, 0, 1, 1), avoidedShare: { value: 1 } });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(report.generatedAt);
    expect((await summary(`from=${today}&to=${today}`)).offered).toBe(8);
    expect((await summary('from=2020-01-01&to=2020-12-31')).offered).toBe(0);
    expect((await summary(`from=${report.generatedAt + 1}`)).offered).toBe(0);
  });

  it('refuses bad report queries with 400 and the issues', async () => {
    for (const q of ['from=yesterday', 'professionalGroup=wizard', 'to=2020-01-01&from=2021-01-01', 'timeZone=Nowhere/Else', 'colour=blue']) {
      const res = await get<{ error: { code: string; issues: unknown[] } }>(`/api/reports?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
      expect(res.body.error.issues.length).toBeGreaterThan(0);
    }
    expect((await get('/api/reports/nothing.csv')).status).toBe(404);
  });

  it('every CSV has a header row and rows that add up to the figures', async () => {
    const s = report.summary;
    const summaryCsv = await csv('summary');
    const figure = Object.fromEntries(summaryCsv.rows.map((r) => [r.figure, r.value]));
    for (const k of CALL_COUNT_KEYS) expect(Number(figure[k]), k).toBe(s[k]);
    expect(Number(figure.answer_rate)).toBe(s.answerRate.value);
    expect(Number(figure.avoided_share)).toBe(s.avoidedShare.value);
    expect(Number(figure.service_level)).toBe(s.serviceLevel.value);
    expect(Number(figure.time_to_answer_avg_ms)).toBe(s.timeToAnswer.averageMs);
    expect(Number(figure.time_to_answer_p90_ms)).toBe(s.timeToAnswer.p90Ms);
    expect(Number(figure.call_length_median_ms)).toBe(s.callLength.medianMs);
    expect(Number(figure.answered_without_patient_outcome)).toBe(s.answeredWithoutPatientOutcome);

    for (const table of ['by-specialty', 'by-month', 'by-caller-organisation', 'by-professional-group']) {
      const t = await csv(table);
      expect(t.header.slice(-CALL_COUNT_KEYS.length)).toEqual([...CALL_COUNT_KEYS]);
      for (const k of CALL_COUNT_KEYS) expect(sumBy(t.rows, k), `${table}.${k}`).toBe(s[k]);
    }
    const outcomes = await csv('outcomes');
    expect(outcomes.header).toEqual(['side', 'code', 'label', 'category', 'count']);
    expect(sumBy(outcomes.rows.filter((r) => r.side === 'patient'), 'count')).toBe(s.withPatientOutcome);
    expect(sumBy(outcomes.rows.filter((r) => r.side === 'patient' && r.category === 'avoided'), 'count')).toBe(s.avoided);
    expect(sumBy(outcomes.rows.filter((r) => r.side === 'advice'), 'count')).toBe(s.answered - s.answeredWithoutAdviceOutcome);
    const categories = await csv('outcome-categories');
    expect(sumBy(categories.rows, 'count')).toBe(sumBy(outcomes.rows, 'count'));
    const topics = await csv('topics');
    expect(topics.rows.map((r) => [r.line_name, r.rank, r.topic, r.count])).toEqual(report.topics.map((t) => [t.lineName, String(t.rank), t.topic, String(t.count)]));
    expect(sumBy(topics.rows, 'count')).toBe(4); // c1–c4 had a topic, c8 none
    expect(ReportTable.options).toHaveLength(8);
  });

  it('applies the same filters to the CSV as to the figures', async () => {
    const { L1 } = seed.lines;
    const filtered = (await get<ReportResponse>(`/api/reports?lineId=${L1.id}`)).body.summary;
    const t = await csv('by-specialty', `?lineId=${L1.id}`);
    expect(t.rows).toHaveLength(1);
    for (const k of CALL_COUNT_KEYS) expect(Number(t.rows[0]![k])).toBe(filtered[k]);
  });
});
