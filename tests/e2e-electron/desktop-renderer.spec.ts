import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppProtocolHandler } from '../../electron/app-protocol.js';
import { buildCsp } from '../../electron/csp.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';
import type { TestServer } from '../support/test-server.js';

/**
 * Runs wherever Chromium does (no Electron binary needed): the built renderer served exactly as
 * the desktop's app: protocol serves it (same handler, same CSP header) from its own origin,
 * with a stand-in `window.oncall` bridge, talking cross-origin to the real server. Proves the
 * desktop CSP admits everything the renderer needs and that the renderer drives the bridge.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const webRoot = join(root, 'dist', 'web');

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } });

test.describe('renderer under the desktop shell policy', () => {
  test.skip(!existsSync(join(webRoot, 'index.html')), 'dist/web is not built: run `npm run build` first');

  let server: TestServer;
  let shell: Server;
  let shellOrigin: string;

  test.beforeAll(async () => {
    // The shell's origin first: the server must allow it like it allows app://oncall.
    let csp = '';
    const handler = createAppProtocolHandler({ webRoot, csp: () => csp });
    shell = createServer((req, res) => {
      void handler(new Request(`app://oncall${req.url ?? '/'}`, { method: req.method ?? 'GET' })).then(async (r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers));
        res.end(Buffer.from(await r.arrayBuffer()));
      });
    });
    await new Promise<void>((r) => shell.listen(0, '127.0.0.1', r));
    shellOrigin = `http://127.0.0.1:${(shell.address() as AddressInfo).port}`;
    const { startTestServer } = await import('../support/test-server.js');
    server = await startTestServer({ corsOrigins: [shellOrigin] });
    csp = buildCsp(server.url);
  });

  test.afterAll(async () => {
    await server?.close();
    await new Promise((r) => shell?.close(r));
  });

  test('signs in through the bridge with no CSP violation, reaching the on-call toggle', async ({ page }) => {
    await page.addInitScript((serverUrl) => {
      const w = window as unknown as Record<string, unknown>;
      const calls: [string, unknown][] = [];
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
      let settings = { serverUrl, audioInputId: null, audioOutputId: null, ringVolume: 0.8, startMinimised: false };
      let token: string | null = null;
      const record = (name: string, value?: unknown) => void calls.push([name, value]);
      w.__shell = { calls, violations };
      w.oncall = Object.freeze({
        kind: 'desktop',
        settings: {
          get: async () => settings,
          set: async (patch: object) => (settings = { ...settings, ...patch }),
        },
        token: {
          get: async () => token,
          set: async (t: string | null) => {
            record('token.set', t === null ? null : 'a token');
            token = t;
          },
        },
        outbox: { list: async () => [], put: async (i: unknown) => record('outbox.put', i), remove: async (id: string) => record('outbox.remove', id) },
        setAttention: async (s: unknown) => record('setAttention', s),
        notifyRing: async (n: unknown) => record('notifyRing', n),
        clearRing: async (id: string) => record('clearRing', id),
        setCallActive: async (a: boolean) => record('setCallActive', a),
        openExternal: async (u: string) => record('openExternal', u),
        onTrayPresence: () => () => undefined,
      });
    }, server.url);

    const response = await page.goto(`${shellOrigin}/`);
    expect(response?.headers()['content-security-policy']).toBe(buildCsp(server.url));
    // Desktop mode: the renderer offers the server address from the bridge's settings.
    await expect(page.getByLabel('Server address')).toHaveValue(server.url);
    await page.getByLabel('Username').fill('dr.patel');
    await page.getByLabel('Password').fill('oncall-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('region', { name: 'On-call status' }).getByRole('switch')).toBeVisible();

    const shellState = () => page.evaluate(() => (window as unknown as { __shell: { calls: [string, unknown][]; violations: string[] } }).__shell);
    await expect.poll(async () => (await shellState()).calls.some(([name]) => name === 'setAttention')).toBe(true);
    const { calls, violations } = await shellState();
    expect(calls).toContainEqual(['token.set', 'a token']);
    // zod probes once whether eval is allowed (try { Function('') } catch), and falls back when it
    // is not: that refused probe is the policy working. Anything else refused would be a defect.
    const zodEvalProbe = /^script-src eval .*\/assets\/index-[\w-]+\.js:/;
    expect(violations.filter((v) => !zodEvalProbe.test(v))).toEqual([]);

  });
});
