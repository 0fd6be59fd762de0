/**
 * `npm run cluster`: two server processes on one PostgreSQL database (ONCALL_DATABASE_URL) and
 * Redis (ONCALL_REDIS_URL), behind a small local proxy on ONCALL_PORT (default 4400). Kill either
 * process and the clients reconnect through the proxy to the other; the calls go on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { DEFAULT_REDIS_URL } from '../options.js';
import { startTcpProxy } from './tcp-proxy.js';

const host = '127.0.0.1';
const port = Number(process.env.ONCALL_PORT ?? 4400);
const databaseUrl = process.env.ONCALL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.ONCALL_REDIS_URL ?? DEFAULT_REDIS_URL;
const backends = [port + 1, port + 2].map((p) => ({ host, port: p }));

const children: ChildProcess[] = backends.map((b, i) =>
  spawn(process.execPath, ['--import', 'tsx', 'signaling/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, ONCALL_PORT: String(b.port), ONCALL_HOST: host, ONCALL_DATABASE_URL: databaseUrl, ONCALL_REDIS_URL: redisUrl, ONCALL_DATA_DIR: `./data/cluster-${i + 1}` },
  }),
);
await startTcpProxy(port, host, backends);
console.log(`OnCall cluster: http://${host}:${port} → server processes on ports ${backends.map((b) => b.port).join(' and ')} (PIDs ${children.map((c) => c.pid).join(', ')})`);
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
