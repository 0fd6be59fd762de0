import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, disconnect, isConnected, request, RequestError } from '../../../renderer/net/connection.js';
import { signIn, DEMO_PASSWORD } from '../../support/clients.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

/** The renderer's socket module against the real server on loopback. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  disconnect();
  await server?.close();
});

function connectAs(token: string) {
  return new Promise<{ ready: unknown; unauthorized: boolean }>((resolve) => {
    connect(server.url, token, {
      onReady: (ready) => resolve({ ready, unauthorized: false }),
      onDown: () => undefined,
      onUnauthorized: () => resolve({ ready: null, unauthorized: true }),
    });
  });
}

describe('renderer connection', () => {
  it('fails fast without a connection instead of buffering the request', async () => {
    disconnect();
    const err = await request('queue:list', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).code).toBe('disconnected');
    expect((err as RequestError).transient).toBe(true);
  });

  it('reports a refused token as unauthorized', async () => {
    const res = await connectAs('x'.repeat(40));
    expect(res.unauthorized).toBe(true);
    expect(isConnected()).toBe(false);
  });

  it('resolves typed acks, and turns error acks into non-transient RequestErrors', async () => {
    const { token } = await signIn(server.url, 'dr.patel', DEMO_PASSWORD);
    const { ready } = await connectAs(token);
    expect(ready).toMatchObject({ user: { username: 'dr.patel' }, presence: expect.any(String) });

    expect(await request('presence:set', { status: 'available' })).toEqual({ status: 'available' });
    expect(Array.isArray(await request('queue:list', {}))).toBe(true);

    const bad = await request('presence:set', { status: 'asleep' as 'away' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RequestError);
    expect((bad as RequestError).code).toBe('bad_request');
    expect((bad as RequestError).transient).toBe(false);

    const notYours = await request('outcome:advice', {
      outcomeId: crypto.randomUUID(),
      callId: 'no-such-call',
      code: 'ADVICE_MANAGE_IN_PLACE',
      enteredAt: Date.now(),
    }).catch((e: unknown) => e);
    expect(notYours).toBeInstanceOf(RequestError);
    expect((notYours as RequestError).transient).toBe(false);
    disconnect();
  });
});
