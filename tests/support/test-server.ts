import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type ServerOptions } from '../../signaling/server.js';
import { closeAll } from './calls.js';
import type { ClientSocket } from './clients.js';

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server; removes the temp data dir unless `keepData` (restart tests reopen it). */
  close(opts?: { keepData?: boolean }): Promise<void>;
}

/**
 * The real server on a random loopback port with a fresh temp SQLite dir, seeded with the demo
 * organisation. Pass `dataDir` to reopen an existing one (restart tests).
 */
export async function startTestServer(opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'oncall-test-')));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    seedDemo: true,
    logLevel: process.env.ONCALL_TEST_LOG_LEVEL ?? 'silent',
    ...opts,
    dataDir,
  });
  return {
    url: server.url,
    port: server.port,
    dataDir,
    async close({ keepData = false } = {}) {
      await server.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
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
