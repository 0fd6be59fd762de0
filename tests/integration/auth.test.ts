import { createHmac } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../signaling/protocol.js';
import { connectClient, HttpError, signIn, waitForEvent } from '../support/clients.js';
import { withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as HttpError;
  }
  throw new Error('expected a failure');
};

describe('sign-in', () => {
  it('signs in with the demo password and returns an opaque token and the user', async () => {
    const res = await signIn(server.url, 'dr.wright', 'oncall-demo');
    expect(res.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.expiresAt).toBeGreaterThan(Date.now());
    expect(res.user).toMatchObject({ username: 'dr.wright', role: 'caller', professionalGroup: 'resident_doctor', organisationName: 'South London Demo Mental Health NHS Trust' });
    const me = await fetch(server.url + API.me, { headers: { authorization: `Bearer ${res.token}` } });
    expect(await me.json()).toMatchObject({ id: res.user.id });
    await withTestData(server, async (data) => {
      const row = await data.q().selectFrom('sessions').select('token_hash').where('user_id', '=', res.user.id).executeTakeFirstOrThrow();
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.token_hash).not.toContain(res.token);
      const user = await data.q().selectFrom('users').select('password_hash').where('username', '=', 'dr.wright').executeTakeFirstOrThrow();
      expect(user.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    });
  });

  it('refuses a wrong password and an unknown user with the same clear error', async () => {
    const wrong = await failure(signIn(server.url, 'dr.chen', 'not-it'));
    const unknown = await failure(signIn(server.url, 'nobody.here', 'oncall-demo'));
    for (const e of [wrong, unknown]) {
      expect(e.status).toBe(401);
      expect(e.body?.error).toEqual({ code: 'unauthorized', message: 'Wrong username or password.' });
    }
  });

  it('validates the body', async () => {
    const res = await fetch(server.url + API.signIn, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: '' }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: unknown[] } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.issues.length).toBeGreaterThan(0);
  });

  it('locks the account after 5 failures, even for the right password, and audits it all', async () => {
    for (let i = 0; i < 4; i++) expect((await failure(signIn(server.url, 'gp.evans', 'wrong'))).status).toBe(401);
    const fifth = await failure(signIn(server.url, 'gp.evans', 'wrong'));
    expect(fifth.status).toBe(429);
    expect(fifth.body?.error.code).toBe('locked');
    const right = await failure(signIn(server.url, 'GP.Evans', 'oncall-demo'));
    expect(right.body?.error.code).toBe('locked');
    expect(right.body?.error.message).toMatch(/Try again in \d+ minutes?/);
    await withTestData(server, async (data) => {
      const rows = await data.q().selectFrom('audit_log').select('action').where('target', '=', 'gp.evans').orderBy('seq').execute();
      expect(rows.map((r) => r.action)).toEqual([...Array(5).fill('auth.signin_failed'), 'auth.signin_locked']);
      await expect(data.q().deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    });
  });

  it('a successful sign-in clears earlier failures', async () => {
    for (let i = 0; i < 4; i++) await failure(signIn(server.url, 'nurse.ali', 'wrong'));
    await signIn(server.url, 'nurse.ali', 'oncall-demo');
    expect((await failure(signIn(server.url, 'nurse.ali', 'wrong'))).status).toBe(401);
  });
});

describe('sockets and sessions', () => {
  it('refuses a socket without a valid token with connect_error "unauthorized"', async () => {
    await expect(connectClient(server.url, 'x'.repeat(43))).rejects.toThrow('unauthorized');
    await expect(connectClient(server.url, '')).rejects.toThrow('unauthorized');
  });

  it('sends session:ready with the user, presence and covered lines', async () => {
    const s = await signIn(server.url, 'dr.patel', 'oncall-demo');
    const { socket, ready } = await connectClient(server.url, s.token);
    expect(ready.user.username).toBe('dr.patel');
    expect(ready.presence).toBe('away');
    expect(ready.coveredLines.map((l) => l.name)).toEqual(['Cardiology']);
    expect(ready.activeCall).toBeNull();
    expect(ready.iceServers).toEqual([]);
    socket.close();
  });

  it('sign-out revokes the token and ends its sockets', async () => {
    const s = await signIn(server.url, 'dr.shah', 'oncall-demo');
    const { socket } = await connectClient(server.url, s.token);
    const ended = waitForEvent(socket, 'session:ended');
    const res = await fetch(server.url + API.signOut, { method: 'POST', headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(204);
    expect(await ended).toEqual({ reason: 'signed_out' });
    const me = await fetch(server.url + API.me, { headers: { authorization: `Bearer ${s.token}` } });
    expect(me.status).toBe(401);
    await expect(connectClient(server.url, s.token)).rejects.toThrow('unauthorized');
    socket.close();
  });

  it('allows CORS from the desktop origin and refuses unknown origins', async () => {
    const ok = await fetch(server.url + API.health, { headers: { origin: 'app://oncall' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('app://oncall');
    const pre = await fetch(server.url + API.signIn, { method: 'OPTIONS', headers: { origin: server.url, 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    const bad = await fetch(server.url + API.health, { headers: { origin: 'https://evil.example' } });
    expect(bad.status).toBe(403);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('accepts sockets from the desktop origin and refuses other browser origins', async () => {
    const { token } = await signIn(server.url, 'nurse.ali', 'oncall-demo');
    const open = (origin: string, transport: 'websocket' | 'polling' = 'websocket') =>
      new Promise<string>((resolve) => {
        const s = io(server.url, { auth: { token }, transports: [transport], extraHeaders: { origin }, reconnection: false, forceNew: true });
        s.on('session:ready', () => (s.close(), resolve('ready')));
        s.on('connect_error', (e) => (s.close(), resolve(`error: ${e.message}`)));
      });
    expect(await open('app://oncall')).toBe('ready');
    expect(await open(server.url)).toBe('ready');
    expect(await open('https://evil.example')).toMatch(/^error/);
    // WebSocket only: any server process can take any connection, no sticky sessions needed.
    expect(await open(server.url, 'polling')).toMatch(/^error/);
  });
});

describe('ICE servers in session:ready', () => {
  it('hands out STUN and time-limited TURN REST credentials for this user', async () => {
    const secret = 'turn-shared-secret-0123456789';
    const ice = await startTestServer({ stunUrls: ['stun:stun.example.org:3478'], turnUrls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], turnSecret: secret });
    try {
      const s = await signIn(ice.url, 'nurse.ali', 'oncall-demo');
      const { socket, ready } = await connectClient(ice.url, s.token);
      socket.close();
      expect(ready.iceServers[0]).toEqual({ urls: ['stun:stun.example.org:3478'] });
      const turn = ready.iceServers[1]!;
      expect(turn.urls).toEqual(['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349']);
      const [expiry, userId] = turn.username!.split(':');
      expect(userId).toBe(s.user.id);
      expect(Number(expiry)).toBeGreaterThan(Date.now() / 1000 + 3600);
      expect(turn.credential).toBe(createHmac('sha1', secret).update(turn.username!).digest('base64'));
    } finally {
      await ice.close();
    }
  });
});
