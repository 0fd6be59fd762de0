import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppPath } from '../../../electron/app-protocol.js';

let base: string;
let webRoot: string;
const CSP = "default-src 'none'; script-src 'self'";

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'oncall-proto-'));
  webRoot = join(base, 'web');
  await mkdir(join(webRoot, 'assets'), { recursive: true });
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>OnCall</title>');
  await writeFile(join(webRoot, 'assets', 'app-1a2b.js'), 'console.log(1)');
  await writeFile(join(webRoot, 'assets', 'ring file.wav'), 'RIFF');
  // A secret beside webRoot that no URL may reach.
  await writeFile(join(base, 'secret.txt'), 'token=abc');
});
afterAll(() => rm(base, { recursive: true, force: true }));

const handler = () => createAppProtocolHandler({ webRoot, csp: () => CSP });
const get = (url: string, method = 'GET') => handler()(new Request(url, { method }));

describe('resolveAppPath', () => {
  it('maps app://oncall paths into webRoot, "/" to index.html, decoding each segment', () => {
    expect(resolveAppPath(webRoot, 'app://oncall/')).toBe(join(webRoot, 'index.html'));
    expect(resolveAppPath(webRoot, 'app://oncall/assets/app-1a2b.js?v=1#x')).toBe(join(webRoot, 'assets', 'app-1a2b.js'));
    expect(resolveAppPath(webRoot, 'app://oncall/assets/ring%20file.wav')).toBe(join(webRoot, 'assets', 'ring file.wav'));
  });

  it.each([
    'app://oncall/..%2fsecret.txt',
    'app://oncall/..%5csecret.txt',
    'app://oncall/assets%2f..%2f..%2fsecret.txt',
    'app://oncall/%00index.html',
    'app://oncall/C:%5cWindows%5cwin.ini',
    'app://oncall/%E0%A4%A',
    'app://elsewhere/index.html',
    'app://oncall:8080/index.html',
    'file:///etc/passwd',
    'http://oncall/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(webRoot, url)).toBeNull();
  });

  it.each([
    'app://oncall/assets/../../secret.txt',
    'app://oncall/%2e%2e/secret.txt',
    'app://oncall/assets/%2e%2e/%2e%2e/%2e%2e/secret.txt',
    'app://oncall/assets/.%2e/.%2e/secret.txt',
  ])('keeps %s inside webRoot (the URL parser collapses dot segments at the root)', (url) => {
    const path = resolveAppPath(webRoot, url);
    expect(path === null || path.startsWith(webRoot + '/')).toBe(true);
    expect(path).not.toBe(join(base, 'secret.txt'));
  });
});

describe('app: protocol handler', () => {
  it('serves files with their type, the CSP and hardening headers', async () => {
    const res = await get('app://oncall/assets/app-1a2b.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers the app shell for extension-less routes and 404 for missing files', async () => {
    const route = await get('app://oncall/history');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>OnCall</title>');
    expect((await get('app://oncall/assets/missing.js')).status).toBe(404);
  });

  it('answers 404 (with the CSP) for traversal attempts, never the file', async () => {
    const attempts = ['app://oncall/..%2fsecret.txt', 'app://oncall/%2e%2e/secret.txt', 'app://oncall/%2e%2e/%2e%2e/secret.txt', 'app://other/secret.txt'];
    for (const url of attempts) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(await res.text()).not.toContain('token=abc');
    }
  });

  it('refuses methods other than GET and HEAD; HEAD has no body', async () => {
    expect((await get('app://oncall/index.html', 'POST')).status).toBe(405);
    const head = await get('app://oncall/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('reads the CSP per request, so a new server URL applies from the next load', async () => {
    let csp = 'connect-src a';
    const h = createAppProtocolHandler({ webRoot, csp: () => csp });
    expect((await h(new Request('app://oncall/'))).headers.get('content-security-policy')).toBe('connect-src a');
    csp = 'connect-src b';
    expect((await h(new Request('app://oncall/'))).headers.get('content-security-policy')).toBe('connect-src b');
  });
});
