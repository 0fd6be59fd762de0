import pg from 'pg';
import { createClient } from 'redis';

/**
 * Whether the PostgreSQL and Redis the PostgreSQL test runs need (the store, and the cluster's
 * socket.io adapter) answer: null when both do, else one line saying what did not.
 */
export async function clusterServicesMissing(pgUrl: string, redisUrl: string, timeoutMs = 3000): Promise<string | null> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    return `PostgreSQL at ${pgUrl} did not answer (${(err as Error).message || String(err)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = createClient({ url: redisUrl, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (err) {
    return `Redis at ${redisUrl} did not answer (${(err as Error).message || String(err)})`;
  } finally {
    await redis.quit().catch(() => undefined);
  }
}
