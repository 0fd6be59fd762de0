import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE, bridgeEntries } from '../../../electron/bridge-contract.js';

/**
 * The built shell as Electron would load it: electron/build.mjs into a temp app folder, then
 * - the preload run the way a sandboxed preload runs (CommonJS, `require` knows only 'electron');
 * - the main bundle run in Node against a fake `electron` module (fake-electron/), driven through
 *   the handlers it registers, with its stores written to a temp userData folder.
 */

const run = promisify(execFile);
let appDir: string;
let userData: string;

beforeAll(async () => {
  appDir = await mkdtemp(join(tmpdir(), 'oncall-built-'));
  userData = join(appDir, 'user-data');
  await mkdir(join(appDir, 'dist', 'web'), { recursive: true });
  await writeFile(join(appDir, 'dist', 'web', 'index.html'), '<!doctype html><title>OnCall test shell</title>');
  await run(process.execPath, ['electron/build.mjs'], { env: { ...process.env, ONCALL_ELECTRON_OUT: join(appDir, 'dist-electron') } });
}, 60_000);
afterAll(() => rm(appDir, { recursive: true, force: true }));

function runSandboxedPreload(code: string) {
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
    ipcRenderer: { invoke: async (...args: unknown[]) => void invoked.push(args), on: () => undefined, removeListener: () => undefined },
  };
  const module = { exports: {} };
  const sandboxRequire = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id} (sandboxed preloads can only require electron)`);
  };
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
  return { exposed, invoked };
}

describe('preload bundle', () => {
  it('is self-contained CommonJS that exposes window.oncall and nothing else', async () => {
    const { exposed, invoked } = runSandboxedPreload(await readFile(join(appDir, 'dist-electron', 'preload.cjs'), 'utf8'));
    expect(Object.keys(exposed)).toEqual(['oncall']);
    const bridge = exposed.oncall as Record<string, unknown> & { settings: { get(): Promise<unknown> } };
    expect(Object.keys(bridge).sort()).toEqual(
      ['clearRing', 'kind', 'notifyRing', 'onTrayPresence', 'openExternal', 'outbox', 'setAttention', 'setCallActive', 'settings', 'token'].sort(),
    );
    await bridge.settings.get();
    expect(invoked).toEqual([[BRIDGE.settings.get.channel]]);
  });
});

describe('main bundle', () => {
  it('is ESM importing only electron and Node built-ins (no node_modules needed at run time)', async () => {
    const code = await readFile(join(appDir, 'dist-electron', 'main.js'), 'utf8');
    const specifiers = [
      ...code.matchAll(/^\s*import\s[^'"]*?from\s*["']([^"']+)["']/gm),
      ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ].map((m) => m[1]!);
    expect(specifiers).toContain('electron');
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect(specifiers.filter((s) => s !== 'electron' && !builtins.has(s))).toEqual([]);
  });

  it('wires Electron as the security checklist and the bridge require', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', './tests/unit/electron/fake-electron/register.mjs', 'tests/unit/electron/fake-electron/drive-main.mjs', join(appDir, 'dist-electron', 'main.js')],
      { env: { ...process.env, ONCALL_USER_DATA_DIR: userData, ONCALL_SERVER_URL: 'http://127.0.0.1:4555' } },
    );
    const obs = JSON.parse(stdout);

    // Before ready: the app: scheme is privileged; stores live in the given userData folder.
    expect(obs.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(obs.privilegedBeforeReady).toBe(true);
    expect(obs.sandboxEnabledBeforeReady).toBe(true);
    expect(obs.userData).toBe(userData);

    // The window: sandboxed, isolated, no Node, our preload, the app: origin, shown when ready.
    expect(obs.loadedUrl).toBe('app://oncall/index.html');
    expect(obs.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(obs.webPreferences.preload).toBe(join(appDir, 'dist-electron', 'preload.cjs'));
    expect(obs.shownOnReady).toBe(true);

    // IPC: one handler per bridge method, sender and payload checked.
    expect(obs.channels).toEqual(
      bridgeEntries()
        .filter((e) => e.channel.kind === 'invoke')
        .map((e) => e.channel.channel)
        .sort(),
    );
    expect(obs.settings).toEqual({ ok: true, value: { serverUrl: 'http://127.0.0.1:4555', audioInputId: null, audioOutputId: null, ringVolume: 0.8, startMinimised: false } });
    expect(obs.evilSettings.error).toMatch(/refused, the sender is not the OnCall app/);
    expect(obs.badPatch.error).toMatch(/invalid payload: 0\.ringVolume/);

    // Outbox on disk; token (no OS encryption in the fake) in memory only, never on disk.
    expect(obs.put.ok).toBe(true);
    const outbox = JSON.parse(await readFile(join(userData, 'outbox.json'), 'utf8'));
    expect(Object.keys(outbox.items)).toEqual(['0b6f4c1e-8d2a-4c3b-9e5f-1a2b3c4d5e6f']);
    expect(obs.tokenGet.value).toBe('sess_secret_token_value');
    for (const file of ['session.json', 'settings.json', 'outbox.json', 'window-state.json']) {
      expect(await readFile(join(userData, file), 'utf8')).not.toContain('sess_secret_token_value');
    }

    // app: protocol: the page with its CSP naming the configured server; traversal refused.
    expect(obs.page.status).toBe(200);
    expect(obs.page.body).toContain('OnCall test shell');
    expect(obs.page.csp).toContain("script-src 'self';");
    expect(obs.page.csp).toContain("connect-src 'self' http://127.0.0.1:4555 ws://127.0.0.1:4555;");
    expect(obs.traversal).toBe(404);

    // Permissions, navigation, new windows, webviews.
    expect(obs.permission).toEqual({ audio: true, video: false, evil: false, checkAudio: true, device: false });
    expect(obs.navigationBlocked).toBe(true);
    expect(obs.windowOpen).toEqual({ action: 'deny' });
    expect(obs.openedExternally).toContain('https://www.nice.org.uk/');
    expect(obs.webviewBlocked).toBe(true);

    // Ringing: title, tray icon + tooltip, badge, flash; tray menu sends the presence choice.
    expect(obs.ringing).toEqual({
      title: '(2) Ringing — OnCall',
      trayImage: join(appDir, 'assets', 'tray-ringing.png'),
      tooltip: 'OnCall — 2 calls ringing',
      badge: 2,
      flashing: true,
    });
    expect(obs.trayMenuLabels).toEqual(['Show OnCall', 'Available*', 'Away', 'Quit OnCall']);
    expect(obs.traySent).toEqual([[BRIDGE.onTrayPresence.channel, 'away']]);

    // Notification: critical, never times out; click brings the hidden window forward.
    expect(obs.notification).toEqual({
      options: { title: 'Cardiology call', body: 'Dr Wright', urgency: 'critical', timeoutType: 'never', silent: true, icon: 'string' },
      shown: true,
    });
    expect(obs.clickActions).toEqual(['show', 'focus']);

    // Call connected → display stays awake. Signed in → closing hides to the tray.
    expect(obs.blockers).toEqual(['prevent-display-sleep']);
    expect(obs.closeWhileSignedIn).toEqual({ prevented: true, actions: ['hide'] });
    expect(obs.secondInstanceActions).toEqual(['show', 'focus']);

    // A new server URL reloads the page so the CSP admits it.
    expect(obs.serverChange.value.serverUrl).toBe('https://oncall.example.nhs.uk');
    expect(obs.reloadedAfterServerChange).toBe(1);
    expect(obs.cspAfterChange).toContain("connect-src 'self' https://oncall.example.nhs.uk wss://oncall.example.nhs.uk;");
  }, 30_000);
});
