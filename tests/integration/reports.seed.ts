import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { z } from 'zod';
import type { Data } from '../../signaling/db/data.js';
import type { Schema } from '../../signaling/db/schema.js';
import { DEFAULT_ADVICE_OUTCOMES, DEFAULT_PATIENT_OUTCOMES, type Line, type LineConfig } from '../../signaling/protocol.js';
import { availableSpecialist, callRequest } from '../support/calls.js';
import { requestOk, signIn, signInAndConnect, waitForEvent, type ClientSocket } from '../support/clients.js';

/**
 * A known set of calls and outcomes, made through the real protocol (admin HTTP API for the lines,
 * sockets for everything else), shared by the reports integration test and the screenshot.
 * Start the server with timeScale 0.05 or so: line L3's 10 s maximum wait then ends a call
 * `unanswered` in half a second, while L1/L2's 300 s ring time-out (15 s) never fires.
 */
export const SEED_LINES = {
  L1: { name: 'Reports Cardiology', specialty: 'Cardiology', providerOrgId: 'org-acute', specialistIds: ['u-dr-patel'], topics: ['ECG interpretation', 'Anticoagulation', 'Heart failure', 'Palpitations'] },
  L2: { name: 'Reports Haematology', specialty: 'Haematology', providerOrgId: 'org-acute', specialistIds: ['u-dr-lindqvist'], topics: ['Clozapine and neutropenia', 'Anaemia', 'Abnormal full blood count'] },
  L3: { name: 'Reports Dermatology', specialty: 'Dermatology', providerOrgId: 'org-mh', specialistIds: [], topics: [], maxWaitSec: 10 },
} as const;
export type SeedLine = keyof typeof SEED_LINES;

export function lineConfig(over: Partial<z.input<typeof LineConfig>> & Pick<LineConfig, 'name' | 'specialty' | 'providerOrgId'>): z.input<typeof LineConfig> {
  return {
    internal: false,
    hours: { kind: 'always' },
    routing: 'ring_all',
    ringTimeoutSec: 300,
    maxWaitSec: 3600,
    answerTargetSec: 30,
    adviceOutcomes: DEFAULT_ADVICE_OUTCOMES,
    patientOutcomes: DEFAULT_PATIENT_OUTCOMES,
    topics: [],
    callerOrgIds: ['org-mh', 'org-gp'],
    specialistIds: [],
    ...over,
  };
}

export async function adminFetch<T = unknown>(url: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* CSV or empty */
  }
  return { status: res.status, body: parsed as T };
}

type Advice = { code: string; topic?: string };
interface Party {
  socket: ClientSocket;
}

/** Caller requests, the specialist accepts and hangs up (or the media fails), then outcomes as given. */
async function answeredCall(caller: Party, specialist: Party, lineId: string, o: { advice?: Advice; patient?: string; failed?: boolean }) {
  const ring = waitForEvent(specialist.socket, 'call:ring', (e) => e.lineId === lineId, 8000);
  const call = await requestOk(caller.socket, 'call:request', callRequest(lineId));
  await ring;
  await requestOk(specialist.socket, 'call:accept', { callId: call.id });
  await requestOk(specialist.socket, 'call:hangup', { callId: call.id, reason: o.failed ? 'media_failed' : 'normal' });
  if (o.advice) {
    await requestOk(specialist.socket, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: o.advice.code, topic: o.advice.topic, enteredAt: Date.now() });
  }
  if (o.patient) await requestOk(caller.socket, 'outcome:patient', { outcomeId: randomUUID(), callId: call.id, code: o.patient, enteredAt: Date.now() });
  return call.id;
}

export interface Seeded {
  adminToken: string;
  lines: Record<SeedLine, Line>;
  calls: Record<string, string>;
}

/**
 * Eight calls: c1–c4 and c8 answered with outcomes, c5 failed, c6 abandoned (cancelled), c7 unanswered.
 * Callers: dr.wright (org-mh, resident doctor), nurse.ali (org-mh, nurse), gp.evans (org-gp, GP).
 */
export async function seedReportCalls(url: string): Promise<Seeded> {
  const admin = await signIn(url, 'admin', 'oncall-demo');
  const lines = {} as Record<SeedLine, Line>;
  for (const key of Object.keys(SEED_LINES) as SeedLine[]) {
    const res = await adminFetch<Line>(url, admin.token, 'POST', '/api/admin/lines', lineConfig({ ...SEED_LINES[key], topics: [...SEED_LINES[key].topics], specialistIds: [...SEED_LINES[key].specialistIds] }));
    if (res.status !== 201) throw new Error(`creating ${key}: ${res.status} ${JSON.stringify(res.body)}`);
    lines[key] = res.body;
  }
  const patel = await availableSpecialist(url, 'dr.patel');
  const lindqvist = await availableSpecialist(url, 'dr.lindqvist');
  const wright = await signInAndConnect(url, 'dr.wright');
  const ali = await signInAndConnect(url, 'nurse.ali');
  const evans = await signInAndConnect(url, 'gp.evans');
  const { L1, L2, L3 } = lines;
  try {
    const calls: Record<string, string> = {};
    calls.c1 = await answeredCall(wright, patel, L1.id, { advice: { code: 'ADVICE_MANAGE_IN_PLACE', topic: 'ECG interpretation' }, patient: 'AVOIDED_REFERRAL' });
    calls.c2 = await answeredCall(evans, patel, L1.id, { advice: { code: 'URGENT_REFERRAL', topic: 'ECG interpretation' }, patient: 'REFERRAL_NEEDED' });
    calls.c3 = await answeredCall(ali, patel, L1.id, { advice: { code: 'TRANSFER_OR_ADMIT', topic: 'Anticoagulation' }, patient: 'AVOIDED_TRANSFER' });
    calls.c4 = await answeredCall(evans, lindqvist, L2.id, { advice: { code: 'ADVICE_MANAGE_IN_PLACE', topic: 'Clozapine and neutropenia' } });
    calls.c5 = await answeredCall(wright, lindqvist, L2.id, { failed: true });
    // c6: the caller gives up while it rings.
    const ring6 = waitForEvent(patel.socket, 'call:ring', (e) => e.lineId === L1.id);
    const c6 = await requestOk(ali.socket, 'call:request', callRequest(L1.id));
    await ring6;
    await requestOk(ali.socket, 'call:cancel', { callId: c6.id });
    calls.c6 = c6.id;
    // c7: nobody covers L3, so it ends `unanswered` at the line's maximum wait.
    const c7 = await requestOk(evans.socket, 'call:request', callRequest(L3.id));
    await waitForEvent(evans.socket, 'call:updated', (c) => c.id === c7.id && c.state === 'unanswered', 8000);
    calls.c7 = c7.id;
    calls.c8 = await answeredCall(wright, patel, L1.id, { advice: { code: 'FOLLOW_UP_CALL' } });
    return { adminToken: admin.token, lines, calls };
  } finally {
    for (const c of [patel, lindqvist, wright, ali, evans]) c.socket.close();
  }
}

/**
 * For the screenshot only: eleven earlier months of calls, so the trend chart has a trend. The
 * protocol stamps calls with the real clock, so backdated history can only be written to the
 * table directly; figures asserted in tests come from seedReportCalls() alone.
 */
export async function seedReportHistory(data: Data, lines: Record<SeedLine, Line>, now = Date.now()): Promise<void> {
  const callers = ['u-dr-wright', 'u-nurse-ali', 'u-gp-evans'];
  const advice = [
    ['ADVICE_MANAGE_IN_PLACE', 'Advice given, patient managed where they are', 'avoided'],
    ['ADVICE_MANAGE_IN_PLACE', 'Advice given, patient managed where they are', 'avoided'],
    ['ADVICE_MANAGE_IN_PLACE', 'Advice given, patient managed where they are', 'avoided'],
    ['ADVICE_ROUTINE_REFERRAL', 'Advice given, routine referral', 'referral'],
    ['URGENT_REFERRAL', 'Urgent referral or rapid-access clinic', 'referral'],
    ['TRANSFER_OR_ADMIT', 'Transfer to ED / admission advised', 'transfer'],
  ] as const;
  const patient = [
    ['AVOIDED_REFERRAL', 'Referral avoided', 'avoided'],
    ['AVOIDED_REFERRAL', 'Referral avoided', 'avoided'],
    ['AVOIDED_REFERRAL', 'Referral avoided', 'avoided'],
    ['AVOIDED_TRANSFER', 'Transfer / admission avoided', 'avoided'],
    ['AVOIDED_TRANSFER', 'Transfer / admission avoided', 'avoided'],
    ['REFERRAL_NEEDED', 'Referral still needed', 'referral'],
    ['REFERRAL_NEEDED', 'Referral still needed', 'referral'],
    ['TRANSFER_NEEDED', 'Transfer / admission still needed', 'transfer'],
  ] as const;
  // A fixed-seed generator (mulberry32) so the screenshot is the same every run.
  let seed = 20250101;
  const rand = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  type CallValues = Insertable<Schema['calls']>;
  type OutcomeValues = Insertable<Schema['outcomes']>;
  const call = (v: Pick<CallValues, 'id' | 'line_id' | 'caller_id' | 'specialist_id' | 'state' | 'topic' | 'created_at' | 'first_ring_at' | 'answered_at' | 'ended_at' | 'closed_at'>) =>
    data
      .q()
      .insertInto('calls')
      .values({ ...v, request_id: v.id, urgency: 'soon', question: 'History', age_band: 'adult_18_64', care_setting: 'primary_care' })
      .execute();
  const outcome = (v: OutcomeValues) => data.q().insertInto('outcomes').values(v).execute();
  await data.transaction(async () => {
    for (let m = 11; m >= 1; m--) {
      const perMonth = 6 + (11 - m) + rand(4);
      for (let i = 0; i < perMonth; i++) {
        const key = (['L1', 'L1', 'L1', 'L2', 'L2', 'L3'] as const)[rand(6)]!;
        const line = lines[key];
        const created = now - m * 30 * 86_400_000 + i * 3_600_000;
        const id = `hist-${m}-${i}`;
        const roll = rand(10);
        const specialist = line.specialistIds[0] ?? null;
        if (!specialist || roll === 0) {
          await call({
            id, line_id: line.id, caller_id: callers[rand(3)]!, specialist_id: null, state: specialist ? 'abandoned' : 'unanswered', topic: null,
            created_at: created, first_ring_at: created + 2000, answered_at: null, ended_at: created + 60_000, closed_at: null,
          });
          continue;
        }
        const answered = created + 6_000 + rand(40) * 1000;
        const ended = answered + 120_000 + rand(600) * 1000;
        const topic = line.topics.length ? line.topics[rand(line.topics.length)]! : null;
        const a = advice[rand(advice.length)]!;
        await call({
          id, line_id: line.id, caller_id: callers[rand(3)]!, specialist_id: specialist, state: 'closed', topic,
          created_at: created, first_ring_at: created + 500, answered_at: answered, ended_at: ended, closed_at: ended + 30_000,
        });
        await outcome({ id: `${id}-a`, call_id: id, side: 'advice', author_id: specialist, code: a[0], label: a[1], category: a[2], topic, entered_at: ended + 30_000, received_at: ended + 30_000 });
        if (rand(5) > 0) {
          const p = patient[rand(patient.length)]!;
          await outcome({ id: `${id}-p`, call_id: id, side: 'patient', author_id: 'u-dr-wright', code: p[0], label: p[1], category: p[2], topic: null, entered_at: ended + 60_000, received_at: ended + 60_000 });
        }
      }
    }
  });
}
