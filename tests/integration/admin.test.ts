import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROUTES, API, REPORT_ROUTES, type AdminUser, type Line, type UserCreated } from '../../signaling/protocol.js';
import { availableSpecialist } from '../support/calls.js';
import { HttpError, requestOk, signIn, signInAndConnect, waitForEvent } from '../support/clients.js';
import { withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { adminFetch, lineConfig } from './reports.seed.js';

let server: TestServer;
let adminToken: string;
beforeAll(async () => {
  server = await startTestServer();
  adminToken = (await signIn(server.url, 'admin', 'oncall-demo')).token;
});
afterAll(() => server.close());

const admin = <T = unknown>(method: string, path: string, body?: unknown) => adminFetch<T>(server.url, adminToken, method, path, body);
type ErrorBody = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

/** Each table an admin change could touch, with its key (the order rows are compared in). */
const TOUCHABLE = {
  organisations: 'id',
  users: 'id',
  sessions: 'id',
  lines: 'id',
  line_callers: 'line_id, org_id',
  line_specialists: 'line_id, user_id',
  audit_log: 'seq',
} as const;

/** Everything an admin change could touch, to prove a refused change touched nothing. */
const snapshot = () =>
  withTestData(server, async (data) => {
    const tables: Record<string, unknown[]> = {};
    for (const [t, key] of Object.entries(TOUCHABLE)) tables[t] = (await sql`SELECT * FROM ${sql.table(t)} ORDER BY ${sql.raw(key)}`.execute(data.q())).rows;
    return tables;
  });

const concrete = (path: string) => path.replace(':id', 'line-cardiology').replace(':table', 'summary');

describe('admin and report endpoints are for admins only', () => {
  it('answers 403 to a caller and a specialist, and 401 without a token, on every route', async () => {
    const caller = await signIn(server.url, 'gp.evans', 'oncall-demo');
    const specialist = await signIn(server.url, 'dr.patel', 'oncall-demo');
    const before = await snapshot();
    const routes = [...ADMIN_ROUTES, ...REPORT_ROUTES, { method: 'DELETE', path: '/api/admin/lines/:id' }, { method: 'GET', path: '/api/admin/anything' }];
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const { method, path } of routes) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' };
      for (const token of [caller.token, specialist.token]) {
        const res = await adminFetch<ErrorBody>(server.url, token, method, concrete(path), body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      const anon = await fetch(server.url + concrete(path), { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body && JSON.stringify(body) });
      expect(anon.status, `${method} ${path} without a token`).toBe(401);
    }
    const after = await snapshot();
    expect(after.lines).toEqual(before.lines);
    expect(after.users).toEqual(before.users);
  });
});

describe('lines', () => {
  it('creates an internal line for an organisation’s own staff, audited, listed with its rota', async () => {
    const res = await admin<Line>('POST', '/api/admin/lines', lineConfig({
      name: 'Ward Pharmacy (internal)', specialty: 'Pharmacy', providerOrgId: 'org-mh', internal: true, callerOrgIds: [],
      routing: 'rota_order', specialistIds: ['u-nurse-hughes'], topics: ['Clozapine levels', 'Lithium'], answerTargetSec: 45,
      hours: { kind: 'weekly', days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00', timeZone: 'Europe/London' },
    }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Ward Pharmacy (internal)', internal: true, routing: 'rota_order', specialistIds: ['u-nurse-hughes'], answerTargetSec: 45, providerOrgName: 'South London Demo Mental Health NHS Trust' });
    const list = (await admin<Line[]>('GET', '/api/admin/lines')).body;
    expect(list.find((l) => l.id === res.body.id)?.topics).toEqual(['Clozapine levels', 'Lithium']);
    const audit = await withTestData(server, (data) =>
      data.q().selectFrom('audit_log').select(['actor_id', 'action', 'target']).where('action', 'like', 'admin.%').orderBy('seq').execute(),
    );
    expect(audit).toContainEqual({ actor_id: 'u-admin', action: 'admin.line_create', target: res.body.id });
  });

  it('refuses bad line input with 400 and the issues, changing nothing', async () => {
    const good = lineConfig({ name: 'Renal', specialty: 'Renal', providerOrgId: 'org-acute' });
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/admin/lines', { ...good, name: '' }, 'name'],
      ['POST', '/api/admin/lines', { ...good, ringTimeoutSec: 1 }, 'ringTimeoutSec'],
      ['POST', '/api/admin/lines', { ...good, surprise: true }, '(root)'],
      ['POST', '/api/admin/lines', { ...good, specialistIds: ['u-dr-patel', 'u-nobody'] }, 'specialistIds.1'],
      ['POST', '/api/admin/lines', { ...good, specialistIds: ['u-gp-evans'] }, 'specialistIds.0'],
      ['POST', '/api/admin/lines', { ...good, providerOrgId: 'org-nowhere' }, 'providerOrgId'],
      ['PUT', '/api/admin/lines/line-cardiology', { ...good, topics: ['ECG', 'ecg'] }, 'topics.1'],
      ['PUT', '/api/admin/lines/line-cardiology', { ...good, adviceOutcomes: [good.adviceOutcomes![0], good.adviceOutcomes![0]] }, 'adviceOutcomes.1.code'],
      ['PUT', '/api/admin/lines/line-cardiology', { ...good, internal: true, callerOrgIds: ['org-gp'] }, 'callerOrgIds'],
      ['PUT', '/api/admin/lines/line-cardiology', { ...good, hours: { kind: 'weekly', days: [1], start: '25:00', end: '10:00' } }, 'hours.start'],
    ];
    const before = await snapshot();
    for (const [method, path, body, issuePath] of cases) {
      const res = await admin<ErrorBody>(method, path, body);
      expect(res.status, `${method} ${issuePath}`).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
      expect(res.body.error.issues?.map((i) => i.path), issuePath).toContain(issuePath);
    }
    const raw = await fetch(`${server.url}/api/admin/lines`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: '{"name": ' });
    expect(raw.status).toBe(400);
    expect((await admin<ErrorBody>('PUT', '/api/admin/lines/line-none', good)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('an edit reaches a connected caller’s directory and a specialist’s queue without a restart', async () => {
    const caller = await signInAndConnect(server.url, 'gp.evans');
    const joining = await availableSpecialist(server.url, 'dr.chen');
    try {
      const dir = await requestOk(caller.socket, 'directory:list', {});
      const paeds = (await admin<Line[]>('GET', '/api/admin/lines')).body.find((l) => l.id === 'line-paediatrics')!;
      expect(dir.find((d) => d.id === paeds.id)?.name).toBe('Paediatrics');
      const { id: _id, providerOrgName: _p, ...cfg } = paeds;

      const changed = waitForEvent(caller.socket, 'directory:changed');
      const snapshotForChen = waitForEvent(joining.socket, 'queue:snapshot', (s) => s.lines.some((l) => l.id === paeds.id));
      const res = await admin<Line>('PUT', `/api/admin/lines/${paeds.id}`, { ...cfg, name: 'Paediatrics (children and young people)', specialistIds: [...cfg.specialistIds, 'u-dr-chen'] });
      expect(res.status).toBe(200);
      await changed;
      await snapshotForChen;
      const after = await requestOk(caller.socket, 'directory:list', {});
      expect(after.find((d) => d.id === paeds.id)).toMatchObject({ name: 'Paediatrics (children and young people)', availableSpecialists: 1 });

      // Closing the line to the caller's organisation takes it out of their directory at once.
      const closed = waitForEvent(caller.socket, 'directory:changed');
      await admin('PUT', `/api/admin/lines/${paeds.id}`, { ...cfg, callerOrgIds: ['org-mh'] });
      await closed;
      expect((await requestOk(caller.socket, 'directory:list', {})).some((d) => d.id === paeds.id)).toBe(false);
      const audit = await withTestData(server, (data) =>
        data.q().selectFrom('audit_log').select('detail').where('action', '=', 'admin.line_update').where('target', '=', paeds.id).orderBy('seq').execute(),
      );
      expect(JSON.parse(audit[0]!.detail!).changed).toEqual(['name', 'specialistIds']);
    } finally {
      caller.socket.close();
      joining.socket.close();
    }
  });
});

describe('users', () => {
  it('creates a user with a password, and invites one with a one-time password shown once', async () => {
    const created = await admin<UserCreated>('POST', '/api/admin/users', {
      username: 'dr.okafor', displayName: 'Dr Ngozi Okafor', role: 'caller', professionalGroup: 'gp', organisationId: 'org-gp',
      credential: { kind: 'password', password: 'correct horse battery' },
    });
    expect(created.status).toBe(201);
    expect(created.body.oneTimePassword).toBeNull();
    expect((await signIn(server.url, 'dr.okafor', 'correct horse battery')).user.organisationId).toBe('org-gp');

    const invited = await admin<UserCreated>('POST', '/api/admin/users', {
      username: 'nurse.byrne', displayName: 'Aoife Byrne', role: 'specialist', professionalGroup: 'nurse_practitioner', organisationId: 'org-acute', credential: { kind: 'invite' },
    });
    expect(invited.status).toBe(201);
    const otp = invited.body.oneTimePassword!;
    expect(otp).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect((await signIn(server.url, 'nurse.byrne', otp)).user.role).toBe('specialist');
    const stored = await withTestData(server, (data) => data.q().selectFrom('users').select('password_hash').where('username', '=', 'nurse.byrne').executeTakeFirstOrThrow());
    expect(stored.password_hash).not.toContain(otp);
    const listed = (await admin<AdminUser[]>('GET', '/api/admin/users')).body.find((u) => u.username === 'nurse.byrne');
    expect(listed).toMatchObject({ active: true, role: 'specialist', professionalGroup: 'nurse_practitioner', lineIds: [] });
    expect(JSON.stringify(listed)).not.toContain(otp);
  });

  it('refuses bad user input with 400 and the issues, changing nothing', async () => {
    const base = { username: 'new.user', displayName: 'New User', role: 'caller', professionalGroup: 'gp', organisationId: 'org-gp', credential: { kind: 'invite' } };
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/admin/users', { ...base, username: 'dr.patel' }, 'username'],
      ['POST', '/api/admin/users', { ...base, username: 'has space' }, 'username'],
      ['POST', '/api/admin/users', { ...base, credential: { kind: 'password', password: 'short' } }, 'credential.password'],
      ['POST', '/api/admin/users', { ...base, role: 'superuser' }, 'role'],
      ['POST', '/api/admin/users', { ...base, organisationId: 'org-nowhere' }, 'organisationId'],
      ['PATCH', '/api/admin/users/u-gp-evans', { organisationId: 'org-nowhere' }, 'organisationId'],
      ['PATCH', '/api/admin/users/u-gp-evans', { professionalGroup: 'wizard' }, 'professionalGroup'],
      ['PATCH', '/api/admin/users/u-gp-evans', {}, '(root)'],
      ['PATCH', '/api/admin/users/u-admin', { active: false }, 'active'],
      ['POST', '/api/admin/organisations', { name: 'Riverside Demo GP Practice', kind: 'gp_practice' }, 'name'],
      ['POST', '/api/admin/organisations', { name: 'New Practice', kind: 'castle' }, 'kind'],
    ];
    const before = await snapshot();
    for (const [method, path, body, issuePath] of cases) {
      const res = await admin<ErrorBody>(method, path, body);
      expect(res.status, `${method} ${path} ${issuePath}`).toBe(400);
      expect(res.body.error.issues?.map((i) => i.path), issuePath).toContain(issuePath);
    }
    expect((await admin('PATCH', '/api/admin/users/u-nobody', { active: false })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('deactivating a user ends their session at once: socket told and closed, token refused, sign-in refused', async () => {
    const hughes = await signInAndConnect(server.url, 'nurse.hughes');
    const ended = waitForEvent(hughes.socket, 'session:ended');
    const disconnected = new Promise<string>((resolve) => hughes.socket.once('disconnect', resolve));
    const res = await admin<AdminUser>('PATCH', '/api/admin/users/u-nurse-hughes', { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect(await ended).toEqual({ reason: 'deactivated' });
    expect(await disconnected).toBe('io server disconnect');
    const me = await fetch(server.url + API.me, { headers: { authorization: `Bearer ${hughes.session.token}` } });
    expect(me.status).toBe(401);
    await expect(signIn(server.url, 'nurse.hughes', 'oncall-demo')).rejects.toBeInstanceOf(HttpError);
    const stored = await withTestData(server, async (data) => ({
      open: (
        await data.q().selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', 'u-nurse-hughes').where('revoked_at', 'is', null).executeTakeFirstOrThrow()
      ).n,
      audit: (
        await data.q().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'admin.user_deactivate').where('target', '=', 'u-nurse-hughes').executeTakeFirstOrThrow()
      ).n,
    }));
    expect(stored).toEqual({ open: 0, audit: 1 });
    // Reactivated, they can sign in again (with a new session).
    expect((await admin('PATCH', '/api/admin/users/u-nurse-hughes', { active: true })).status).toBe(200);
    expect((await signIn(server.url, 'nurse.hughes', 'oncall-demo')).user.id).toBe('u-nurse-hughes');
  });

  it('a role change signs the user out and takes a former specialist off their lines', async () => {
    const shah = await signInAndConnect(server.url, 'dr.shah');
    const ended = waitForEvent(shah.socket, 'session:ended');
    const res = await admin<AdminUser>('PATCH', '/api/admin/users/u-dr-shah', { role: 'caller', professionalGroup: 'specialty_doctor' });
    expect(res.body).toMatchObject({ role: 'caller', lineIds: [] });
    expect(await ended).toEqual({ reason: 'signed_out' });
    const cardiology = (await admin<Line[]>('GET', '/api/admin/lines')).body.find((l) => l.id === 'line-cardiology')!;
    expect(cardiology.specialistIds).not.toContain('u-dr-shah');
  });

  it('lists and creates organisations', async () => {
    const res = await admin<{ id: string; name: string; kind: string }>('POST', '/api/admin/organisations', { name: 'Hillside Care Home', kind: 'other' });
    expect(res.status).toBe(201);
    expect((await admin<{ id: string }[]>('GET', '/api/admin/organisations')).body.map((o) => o.id)).toContain(res.body.id);
  });
});
