import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUser, Line } from '../../signaling/protocol.js';
import { availableSpecialist, callRequest, closeAll, ringRecorder } from '../support/calls.js';
import { collectEvents, eventually, request, requestOk, signIn, signInAndConnect, waitForEvent, type ClientSocket } from '../support/clients.js';
import { withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { adminFetch, lineConfig } from './reports.seed.js';

// timeScale 0.05: a 10 s ring time-out lasts 500 ms; maximum waits stay far longer than any test.
let server: TestServer;
let adminToken: string;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.05 });
  adminToken = (await signIn(server.url, 'admin', 'oncall-demo')).token;
});
afterAll(async () => {
  closeAll(...sockets);
  await server.close();
});

const track = <T extends { socket: ClientSocket }>(c: T) => (sockets.push(c.socket), c);
const admin = <T = unknown>(method: string, path: string, body?: unknown) => adminFetch<T>(server.url, adminToken, method, path, body);
type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };
const configOf = ({ id: _id, providerOrgName: _p, ...cfg }: Line) => cfg;
const lineById = async (id: string) => (await admin<Line[]>('GET', '/api/admin/lines')).body.find((l) => l.id === id)!;

/** What a line edit could touch, each table with its key (the order rows are compared in). */
const LINE_TABLES = { lines: 'id', line_callers: 'line_id, org_id', line_specialists: 'line_id, user_id', audit_log: 'seq' } as const;

/** What a line edit could touch, to prove a refused one touched nothing. */
const lineTables = () =>
  withTestData(server, async (data) => {
    const tables: Record<string, unknown[]> = {};
    for (const [t, key] of Object.entries(LINE_TABLES)) tables[t] = (await sql`SELECT * FROM ${sql.table(t)} ORDER BY ${sql.raw(key)}`.execute(data.q())).rows;
    return tables;
  });

describe('internal lines are for their own organisation’s staff', () => {
  it('refuses a specialist or caller organisation from another organisation, naming the field, changing nothing', async () => {
    const internal = lineConfig({ name: 'Ward Pharmacy', specialty: 'Pharmacy', providerOrgId: 'org-mh', internal: true, callerOrgIds: [], specialistIds: ['u-nurse-hughes'] });
    const vaccination = configOf(await lineById('line-staff-vaccination'));
    const cardiology = configOf(await lineById('line-cardiology'));
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/admin/lines', { ...internal, specialistIds: ['u-nurse-hughes', 'u-dr-patel'] }, 'specialistIds.1'],
      ['POST', '/api/admin/lines', { ...internal, callerOrgIds: ['org-mh', 'org-gp'] }, 'callerOrgIds'],
      ['PUT', '/api/admin/lines/line-staff-vaccination', { ...vaccination, specialistIds: ['u-nurse-hughes', 'u-dr-patel'] }, 'specialistIds.1'],
      ['PUT', '/api/admin/lines/line-staff-vaccination', { ...vaccination, callerOrgIds: ['org-acute'] }, 'callerOrgIds'],
      // Turning a public line internal, or handing an internal line to another organisation, is checked the same way.
      ['PUT', '/api/admin/lines/line-cardiology', { ...cardiology, internal: true, callerOrgIds: [], providerOrgId: 'org-mh' }, 'specialistIds.0'],
      ['PUT', '/api/admin/lines/line-staff-vaccination', { ...vaccination, providerOrgId: 'org-acute' }, 'specialistIds.0'],
    ];
    const before = await lineTables();
    for (const [method, path, body, issuePath] of cases) {
      const res = await admin<ErrorBody>(method, path, body);
      expect(res.status, `${method} ${path} ${issuePath}`).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
      expect(res.body.error.issues?.map((i) => i.path), `${method} ${path}`).toContain(issuePath);
    }
    expect(await lineTables()).toEqual(before);
  });

  it('accepts an internal line whose caller organisations are empty or just its own organisation', async () => {
    const internal = lineConfig({ name: 'Ward Pharmacy', specialty: 'Pharmacy', providerOrgId: 'org-mh', internal: true, callerOrgIds: ['org-mh'], specialistIds: ['u-nurse-hughes'] });
    const res = await admin<Line>('POST', '/api/admin/lines', internal);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ internal: true, callerOrgIds: ['org-mh'], specialistIds: ['u-nurse-hughes'] });
    expect((await admin('PUT', `/api/admin/lines/${res.body.id}`, { ...internal, callerOrgIds: [] })).status).toBe(200);
    // The demo's internal line passes the same checks unchanged.
    expect((await admin('PUT', '/api/admin/lines/line-staff-vaccination', configOf(await lineById('line-staff-vaccination')))).status).toBe(200);
  });
});

describe('moving a user to another organisation', () => {
  it('takes them off the old organisation’s internal lines (audited) but not off public lines', async () => {
    // nurse.hughes (org-mh) covers the internal vaccination line; put her on a public line too.
    const publicLine = await admin<Line>('POST', '/api/admin/lines', lineConfig({ name: 'Occupational Health', specialty: 'Occupational Health', providerOrgId: 'org-mh', specialistIds: ['u-nurse-hughes'] }));
    expect(publicLine.status).toBe(201);
    const caller = track(await signInAndConnect(server.url, 'dr.wright'));
    const call = await requestOk(caller.socket, 'call:request', callRequest('line-staff-vaccination'));
    const hughes = track(await signInAndConnect(server.url, 'nurse.hughes'));
    expect(hughes.ready.coveredLines.map((l) => l.id)).toContain('line-staff-vaccination');
    expect(hughes.snapshots.at(-1)!.items.map((i) => i.callId)).toContain(call.id);

    const ended = waitForEvent(hughes.socket, 'session:ended');
    const res = await admin<AdminUser>('PATCH', '/api/admin/users/u-nurse-hughes', { organisationId: 'org-acute' });
    expect(res.status).toBe(200);
    expect(res.body.organisationId).toBe('org-acute');
    expect(res.body.lineIds).toEqual([publicLine.body.id]);
    expect(await ended).toEqual({ reason: 'signed_out' });
    expect((await lineById('line-staff-vaccination')).specialistIds).toEqual([]);
    const audit = await withTestData(server, (data) =>
      data.q().selectFrom('audit_log').select('detail').where('action', '=', 'admin.user_update').where('target', '=', 'u-nurse-hughes').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow(),
    );
    const removed = JSON.parse(audit.detail!).removedFromLines as string[];
    expect(removed).toContain('line-staff-vaccination');
    expect(removed).not.toContain(publicLine.body.id);

    // Signed in again, the old organisation's internal line, its queue and its call are out of reach.
    const again = track(await signInAndConnect(server.url, 'nurse.hughes'));
    expect(again.ready.coveredLines.map((l) => l.id)).toEqual([publicLine.body.id]);
    expect((await requestOk(again.socket, 'queue:list', {})).map((i) => i.callId)).not.toContain(call.id);
    const accept = await request(again.socket, 'call:accept', { callId: call.id });
    expect(accept.ok ? 'accepted' : accept.error.code).toBe('forbidden');
    await requestOk(caller.socket, 'call:cancel', { callId: call.id });
  });
});

describe('a caller organisation taken off a line', () => {
  it('no longer sees the line nor can call it', async () => {
    const cfg = lineConfig({ name: 'Renal Advice', specialty: 'Renal', providerOrgId: 'org-acute', callerOrgIds: ['org-gp', 'org-mh'], specialistIds: ['u-dr-chen'] });
    const line = (await admin<Line>('POST', '/api/admin/lines', cfg)).body;
    const gp = track(await signInAndConnect(server.url, 'gp.evans'));
    expect((await requestOk(gp.socket, 'directory:list', {})).map((d) => d.id)).toContain(line.id);

    const changed = waitForEvent(gp.socket, 'directory:changed');
    expect((await admin('PUT', `/api/admin/lines/${line.id}`, { ...cfg, callerOrgIds: ['org-mh'] })).status).toBe(200);
    await changed;
    expect((await requestOk(gp.socket, 'directory:list', {})).map((d) => d.id)).not.toContain(line.id);
    const placed = await request(gp.socket, 'call:request', callRequest(line.id));
    expect(placed.ok ? 'placed' : placed.error.code).toBe('forbidden');
    const stored = await withTestData(server, (data) =>
      data.q().selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).where('line_id', '=', line.id).executeTakeFirstOrThrow(),
    );
    expect(stored.n).toBe(0);
  });
});

describe('a line switched off while calls wait on it', () => {
  it('takes no new calls; waiting calls stay answerable and nobody is marked not responding', async () => {
    const cfg = lineConfig({ name: 'Endocrine Hotline', specialty: 'Endocrinology', providerOrgId: 'org-acute', callerOrgIds: ['org-gp'], specialistIds: ['u-dr-murphy'], ringTimeoutSec: 10 });
    const line = (await admin<Line>('POST', '/api/admin/lines', cfg)).body;
    const murphy = track(await availableSpecialist(server.url, 'dr.murphy'));
    const rings = ringRecorder(murphy.socket);
    const presence = collectEvents(murphy.socket, 'presence:changed');
    const caller = track(await signInAndConnect(server.url, 'gp.evans'));
    const call = await requestOk(caller.socket, 'call:request', callRequest(line.id));
    await rings.for(call.id);

    const timedOut = waitForEvent(murphy.socket, 'call:ring-stop', (e) => e.callId === call.id, 3000);
    expect((await admin('PUT', `/api/admin/lines/${line.id}`, { ...cfg, active: false })).status).toBe(200);
    expect(await timedOut).toEqual({ callId: call.id, reason: 'timed_out' });
    // Events arrive in order: once this answer is in, any presence change from the time-out has too.
    const queue = await requestOk(murphy.socket, 'queue:list', {});
    expect(queue.map((i) => i.callId)).toContain(call.id);
    expect(presence.filter((p) => p.reason === 'not_responding')).toEqual([]);
    expect(murphy.snapshots.at(-1)!.lines.map((l) => l.id)).toContain(line.id);

    // No new calls: the line left the directory and a request is refused.
    expect((await requestOk(caller.socket, 'directory:list', {})).map((d) => d.id)).not.toContain(line.id);
    const refused = await request(caller.socket, 'call:request', callRequest(line.id));
    expect(refused.ok ? 'placed' : refused.error.code).toBe('forbidden');

    // The waiting caller is still answered; afterwards the switched-off line leaves the specialist's view.
    expect((await requestOk(murphy.socket, 'call:accept', { callId: call.id })).state).toBe('connected');
    await requestOk(caller.socket, 'call:hangup', { callId: call.id });
    await eventually(() => !murphy.snapshots.at(-1)!.lines.some((l) => l.id === line.id), 3000, 'line gone from the snapshot');
  });
});
