import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** kill -9: no shutdown, sockets and the engine lease just vanish. */
  crash(): Promise<void>;
  /** SIGTERM: the server's own shutdown. */
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '../..');

/**
 * `npm run server` as its own OS process (so it can be killed with -9) on a PostgreSQL schema and
 * Redis: one process of a cluster. Resolves once it listens, with its URL.
 */
export async function startServerProcess(env: { databaseUrl: string; redisUrl: string }): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'signaling/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ONCALL_PORT: '0',
      ONCALL_DATA_DIR: await mkdtemp(join(tmpdir(), 'oncall-proc-')),
      ONCALL_DATABASE_URL: env.databaseUrl,
      ONCALL_REDIS_URL: env.redisUrl,
      ONCALL_LOG_LEVEL: process.env.ONCALL_TEST_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server process did not start:\n${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /OnCall server on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
      // ONCALL_TEST_PROC_LOG=1: the process's own log on stderr, for debugging a cluster test or bench.
      if (process.env.ONCALL_TEST_PROC_LOG) process.stderr.write(chunk);
    });
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening:\n${out}`)));
  });
  return {
    url,
    child,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
