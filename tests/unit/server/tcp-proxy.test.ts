import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTcpProxy } from '../../../signaling/cluster/tcp-proxy.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A backend that answers every connection with its name. */
async function backend(name: string): Promise<number> {
  const s = createServer((c) => c.end(name));
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

async function rawAsk(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const c = connect(port, '127.0.0.1');
    c.on('data', (d) => (out += d.toString()));
    c.on('end', () => resolve(out));
    c.on('error', reject);
  });
}

describe('the local cluster proxy', () => {
  it('takes turns between its backends and skips one that is down', async () => {
    const a = await backend('a');
    const b = await backend('b');
    const proxy = await startTcpProxy(0, '127.0.0.1', [{ host: '127.0.0.1', port: a }, { host: '127.0.0.1', port: b }, { host: '127.0.0.1', port: 1 }]);
    servers.push(proxy);
    const port = (proxy.address() as AddressInfo).port;
    const seen = [await rawAsk(port), await rawAsk(port), await rawAsk(port), await rawAsk(port)];
    expect(seen.sort()).toEqual(['a', 'a', 'b', 'b']);
  });
});
