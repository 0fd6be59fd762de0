import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A small round-robin TCP proxy for running a cluster on one machine (`npm run cluster`): each
 * connection (HTTP or WebSocket alike) goes to the next backend, skipping one that refuses it.
 * In production a load balancer does this job (docs/deployment.md); the server processes need no
 * stickiness because the clients speak WebSocket only.
 */
export function startTcpProxy(port: number, host: string, backends: readonly { host: string; port: number }[]): Promise<Server> {
  let next = 0;
  const server = createServer((client) => {
    client.pause();
    connectToBackend(client, backends.length);
  });
  function connectToBackend(client: Socket, triesLeft: number): void {
    const backend = backends[next++ % backends.length]!;
    const upstream = createConnection(backend);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    upstream.once('error', () => {
      if (!connected && triesLeft > 1) connectToBackend(client, triesLeft - 1);
      else client.destroy();
    });
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
