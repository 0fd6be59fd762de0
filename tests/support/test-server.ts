import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type ServerOptions } from '../../signaling/server.js';
import { closeAll } from './calls.js';
import type { ClientSocket } from './clients.js';
import { dropSchemaOf, freshSchemaUrl, TEST_STORE, type TestStore } from './test-store.js';

export interface TestServer extends TestStore {
  url: string;
  port: number;
  /** Stops the server; removes its data (temp dir, PostgreSQL schema) unless `keepData` (restart tests reopen it). */
  close(opts?: { keepData?: boolean }): Promise<void>;
}

/**
 * The real server on a random loopback port with a fresh store (a temp SQLite dir; on PostgreSQL
 * runs, a new schema too), seeded with the demo organisation. Pass `dataDir` and `databaseUrl`
 * (a TestServer's) to reopen an existing one (restart tests).
 */
export async function startTestServer(opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'oncall-test-')));
  if (TEST_STORE === 'postgres' && opts.dataDir && !opts.databaseUrl) throw new Error('startTestServer: to reopen a store on a PostgreSQL run, pass its databaseUrl with its dataDir');
  const databaseUrl = opts.databaseUrl ?? (TEST_STORE === 'postgres' && !opts.dataDir ? await freshSchemaUrl() : undefined);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    seedDemo: true,
    logLevel: process.env.ONCALL_TEST_LOG_LEVEL ?? 'silent',
    ...opts,
    dataDir,
    ...(databaseUrl ? { databaseUrl, redisUrl: process.env.ONCALL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}),
  });
  return {
    url: server.url,
    port: server.port,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    async close({ keepData = false } = {}) {
      await server.close();
      if (keepData) return;
      await rm(dataDir, { recursive: true, force: true });
      if (databaseUrl) await dropSchemaOf(databaseUrl);
    },
  };
}

/**
 * One server for a test file: started before its tests, and closed after them together with every
 * socket the tests pushed to `sockets`. Read `t.server` inside tests (it is set in beforeAll).
 */
export function serverForFile(opts: Partial<ServerOptions> = {}) {
  const t = { server: undefined as unknown as TestServer, sockets: [] as ClientSocket[] };
  beforeAll(async () => {
    t.server = await startTestServer(opts);
  });
  afterAll(async () => {
    closeAll(...t.sockets);
    await t.server.close();
  });
  return t;
}
