import type { Data } from '../db/data.js';
import type { Logger } from '../log.js';
import type { Engine } from '../realtime/engine.js';
import type { OnCallIo } from '../realtime/io.js';
import type { LocalEngine } from '../realtime/local-engine.js';
import { redisAdapter } from './adapter.js';
import { ClusterEngine } from './engine-channel.js';
import { EngineLease } from './lease.js';

/** How often a process without the engine lease tries to take it (and its holder checks it still has it). */
const LEASE_RETRY_MS = 500;

/**
 * Makes this process one of the cluster on `databaseUrl`: socket.io's Redis streams adapter joins
 * its sockets to every other process's, and the engine lease decides whether its own call engine
 * runs (taking over the calls as after a restart) or its requests go to the process that has it.
 */
export async function joinCluster(io: OnCallIo, c: { databaseUrl: string; redisUrl: string; data: Data }, local: LocalEngine, log: Logger) {
  const adapter = await redisAdapter(c.redisUrl, c.data, log);
  io.adapter(adapter.adapter);
  let running = false;
  const lease = new EngineLease(c.databaseUrl, {
    retryMs: LEASE_RETRY_MS,
    log,
    async onAcquired() {
      await local.start();
      running = true;
    },
    onLost() {
      running = false;
      local.stop();
    },
  });
  const runsEngine = () => running && lease.isHeld;
  const engine: Engine = new ClusterEngine(io, () => (runsEngine() ? local : null), log);
  return {
    engine,
    runsEngine,
    start: () => lease.start(),
    async stop() {
      running = false;
      await lease.stop();
    },
    async closeAdapter() {
      await io.of('/').adapter.close();
      await adapter.close();
    },
  };
}
