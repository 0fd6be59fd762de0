import { expect, test } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * A page load of the served web client asks the server for nothing it lacks. Chromium fetches the
 * tab icon from its browser process, out of sight of Playwright's request events, so the page is
 * loaded through a small recording proxy in front of the real server: it sees every request.
 */

interface Seen {
  url: string;
  status: number;
  type: string | undefined;
}

let server: TestServer;
let proxy: http.Server;
let proxyUrl: string;
const seen: Seen[] = [];

test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
  proxy = http.createServer((req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: server.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        seen.push({ url: req.url ?? '', status: answer.statusCode ?? 0, type: answer.headers['content-type'] });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await server?.close();
});

test('the web client has a tab icon, and loading it 404s on nothing (no /favicon.ico guess)', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${proxyUrl}/`);
  await expect(page.getByLabel('Username')).toBeVisible();

  // Wait until the browser has fetched a tab icon, whichever it asked for: the page's own or, when
  // the page names none, its guess at /favicon.ico.
  await expect.poll(() => seen.some((s) => /favicon/.test(s.url)), { message: 'the browser fetches a tab icon' }).toBe(true);
  expect(seen.filter((s) => s.status === 404)).toEqual([]);

  // The page names its icon, a PNG from this server, and that is what the browser fetched.
  const icon = await page.locator('link[rel="icon"]').getAttribute('href', { timeout: 1000 });
  expect(icon).toMatch(/\.png$/);
  const iconPath = new URL(icon!, `${proxyUrl}/`).pathname;
  expect(seen.find((s) => s.url === iconPath)).toMatchObject({ status: 200, type: 'image/png' });
  expect(seen.map((s) => s.url)).not.toContain('/favicon.ico');
  await context.close();
});
