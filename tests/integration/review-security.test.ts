import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { API, type HttpErrorBody } from '../../signaling/protocol.js';
import { connectClient, request, requestOk, signIn, signInAndConnect, waitForEvent } from '../support/clients.js';
import { availableSpecialist, callRequest, ringRecorder } from '../support/calls.js';
import { withTestData } from '../support/db.js';
import { serverForFile } from '../support/test-server.js';

// Defects found in review: each test failed before its fix.
const t = serverForFile();
const { sockets } = t;

const post = (path: string, body: BodyInit, headers: Record<string, string>) => fetch(t.server.url + path, { method: 'POST', body, headers });

describe('sign-in lockout', () => {
  it('counts parallel failed attempts: 20 at once lock the account like 20 in a row', async () => {
    const attempt = (password: string) =>
      post(API.signIn, JSON.stringify({ username: 'nurse.hughes', password }), { 'content-type': 'application/json' }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as HttpErrorBody,
      }));
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt('wrong-guess')));
    expect(results.filter((r) => r.status === 401)).toHaveLength(4);
    expect(results.filter((r) => r.status === 429 && r.body.error.code === 'locked')).toHaveLength(16);
    const right = await attempt('oncall-demo');
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('locked');
  });
});

describe('session expiry', () => {
  it('ends a socket when its session expires, so nothing more is pushed to it', async () => {
    const s = await signIn(t.server.url, 'dr.murphy', 'oncall-demo');
    await withTestData(t.server, (data) =>
      data.q().updateTable('sessions').set({ expires_at: Date.now() + 600 }).where('user_id', '=', 'u-dr-murphy').execute(),
    );
    const murphy = await connectClient(t.server.url, s.token);
    sockets.push(murphy.socket);
    await requestOk(murphy.socket, 'presence:set', { status: 'available' });
    const ended = waitForEvent(murphy.socket, 'session:ended', () => true, 3000);
    const disconnected = new Promise<string>((resolve) => murphy.socket.once('disconnect', resolve));
    expect(await ended).toEqual({ reason: 'expired' });
    expect(await disconnected).toBe('io server disconnect');
  });
});

describe('photo upload input', () => {
  let token: string;
  beforeAll(async () => {
    token = (await signIn(t.server.url, 'dr.wright', 'oncall-demo')).token;
  });
  const health = () => fetch(`${t.server.url}/api/health`, { signal: AbortSignal.timeout(3000) }).then((r) => r.status, (e: Error) => e.name);

  it('a file in the wrong field is refused without wedging the connection', async () => {
    const form = new FormData();
    form.append('attachment', new Blob([new Uint8Array(3_000_000)], { type: 'image/jpeg' }), 'x.jpg');
    const res = await post(API.photos, form, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(400);
    expect(((await res.json()) as HttpErrorBody).error.code).toBe('bad_request');
    // The same keep-alive connection must go on serving.
    expect([await health(), await health(), await health()]).toEqual([200, 200, 200]);
  });

  it('a malformed or cut-off multipart body is a 400 with a clear message, not a 500', async () => {
    const cutOff = '--zzz\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\nabc';
    for (const body of ['garbage', cutOff]) {
      const res = await post(API.photos, body, { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=zzz' });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as HttpErrorBody).error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/upload/i) });
    }
    expect(await health()).toBe(200);
  });
});

describe('CORS for the desktop app', () => {
  it('lets app://oncall preflight the PUT and PATCH the admin screens send', async () => {
    for (const [method, path] of [['PUT', '/api/admin/lines/line-cardiology'], ['PATCH', '/api/admin/users/u-dr-shah']] as const) {
      const pre = await fetch(t.server.url + path, {
        method: 'OPTIONS',
        headers: { origin: 'app://oncall', 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(pre.status, method).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe('app://oncall');
      expect(pre.headers.get('access-control-allow-methods')?.split(/,\s*/), method).toContain(method);
    }
  });
});

describe('wrap-up and relay after hang-up', () => {
  it('a specialist in wrap-up is not rung and cannot accept until the advice outcome is in; signals stop at hang-up', async () => {
    const chen = (await availableSpecialist(t.server.url, 'dr.chen')).socket;
    const ali = (await signInAndConnect(t.server.url, 'nurse.ali')).socket;
    const evans = (await signInAndConnect(t.server.url, 'gp.evans')).socket;
    sockets.push(chen, ali, evans);
    const rings = ringRecorder(chen);
    const first = await requestOk(ali, 'call:request', callRequest('line-acute-medicine'));
    await rings.for(first.id);
    await requestOk(chen, 'call:accept', { callId: first.id });
    await requestOk(ali, 'call:hangup', { callId: first.id });
    for (const socket of [ali, chen]) {
      const res = await request(socket, 'call:signal', { callId: first.id, data: { type: 'renegotiate', renegotiate: true } });
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    }

    const second = await requestOk(evans, 'call:request', callRequest('line-acute-medicine'));
    expect(second.state).toBe('queued');
    expect(await request(chen, 'call:accept', { callId: second.id })).toMatchObject({ ok: false, error: { code: 'wrap_up_required' } });
    await requestOk(chen, 'outcome:advice', { outcomeId: randomUUID(), callId: first.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    await rings.for(second.id);
    expect(rings.count(second.id)).toBe(1);
    expect((await requestOk(chen, 'call:accept', { callId: second.id })).state).toBe('connected');
  });
});
