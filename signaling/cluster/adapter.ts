import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Data } from '../db/data.js';
import type { Logger } from '../log.js';

/**
 * socket.io's Redis streams adapter: a message for a user's room reaches their sockets on every
 * server process, and processes can message each other (cluster/engine-channel.ts). Chosen over
 * the PostgreSQL adapter for order: every process appends to one stream through one connection,
 * so a specialist's screen gets "ringing" before "stopped ringing" whichever process sent them;
 * the PostgreSQL adapter sends over a pool, and a message too big for NOTIFY takes a second round
 * trip, either of which can let a later message overtake an earlier one. The stream is named
 * after the database and schema, so deployments (and test servers) sharing a Redis never meet.
 */
export async function redisAdapter(redisUrl: string, data: Data, log: Logger) {
  const client = createClient({ url: redisUrl });
  client.on('error', (err: Error) => log.warn({ err }, 'socket.io adapter: Redis connection error'));
  await client.connect();
  const name = `oncall:${await data.identity()}`;
  const adapter = createAdapter(client, {
    streamName: name,
    channelPrefix: name,
    // Forget a dead process within 1.5 s (the default is 10 s): a process taking the engine over
    // asks every process for its sockets, and waits for each one it still counts.
    heartbeatInterval: 500,
    heartbeatTimeout: 1500,
  });
  return {
    adapter,
    async close() {
      // Sockets closing during shutdown still publish through the adapter after this: those
      // messages have no one left to reach, and must not surface as unhandled rejections.
      for (const method of ['publish', 'xAdd'] as const) {
        (client as unknown as Record<string, unknown>)[method] = () => Promise.resolve(null);
      }
      await client.quit().catch(() => undefined);
    },
  };
}
