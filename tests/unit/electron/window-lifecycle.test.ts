import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shellPaths } from '../../../electron/paths.js';
import { claimSingleInstance } from '../../../electron/single-instance.js';
import { focusWindow } from '../../../electron/window-focus.js';
import { mainWindowOptions, secureWebPreferences } from '../../../electron/window-options.js';
import { DEFAULT_SIZE, initialWindowState, trackWindowState, type WindowStateData } from '../../../electron/window-state.js';
import { openConfStore } from './conf-store.js';

describe('single instance', () => {
  const fakeApp = (gotLock: boolean) => {
    const listeners: (() => void)[] = [];
    return {
      listeners,
      requestSingleInstanceLock: () => gotLock,
      quit: vi.fn(),
      on: vi.fn((_event: 'second-instance', l: () => void) => listeners.push(l)),
    };
  };

  it('the first instance keeps running and comes forward when launched again', () => {
    const app = fakeApp(true);
    const focus = vi.fn();
    expect(claimSingleInstance(app, focus)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.listeners.forEach((l) => l());
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('a second instance quits at once', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app, vi.fn())).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.on).not.toHaveBeenCalled();
  });
});

describe('focusWindow', () => {
  const win = (state: { minimised?: boolean; visible?: boolean; destroyed?: boolean }) => ({
    calls: [] as string[],
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => state.minimised ?? false,
    isVisible: () => state.visible ?? true,
    restore() { this.calls.push('restore'); },
    show() { this.calls.push('show'); },
    focus() { this.calls.push('focus'); },
  });

  it('restores a minimised window, shows a hidden one, then focuses', () => {
    const min = win({ minimised: true });
    focusWindow(min);
    expect(min.calls).toEqual(['restore', 'focus']);
    const hidden = win({ visible: false });
    focusWindow(hidden);
    expect(hidden.calls).toEqual(['show', 'focus']);
    const gone = win({ destroyed: true });
    focusWindow(gone);
    expect(gone.calls).toEqual([]);
    focusWindow(null);
  });
});

describe('window options', () => {
  it('follow the Electron security checklist', () => {
    const prefs = secureWebPreferences('/app/dist-electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    const opts = mainWindowOptions({ preloadPath: '/p.cjs', iconPath: '/i.png', state: { bounds: { width: 1000, height: 700, x: 5, y: 6 }, maximised: false } });
    expect(opts).toMatchObject({ width: 1000, height: 700, x: 5, y: 6, show: false });
    expect(opts.webPreferences?.sandbox).toBe(true);
  });
});

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oncall-window-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('uses saved bounds that are still on a display', () => {
    expect(initialWindowState({ bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximised: true }, screen)).toEqual({
      bounds: { x: 100, y: 80, width: 1200, height: 800 },
      maximised: true,
    });
  });

  it('keeps the size but lets the OS place a window last seen on a missing display', () => {
    expect(initialWindowState({ bounds: { x: 3000, y: 100, width: 1200, height: 800 }, maximised: false }, screen)).toEqual({
      bounds: { width: 1200, height: 800 },
      maximised: false,
    });
  });

  it('falls back to the default size for nothing or garbage, and never goes below the minimum', () => {
    expect(initialWindowState(undefined, screen)).toEqual({ bounds: { ...DEFAULT_SIZE }, maximised: false });
    expect(initialWindowState({ bounds: 'x' }, screen)).toEqual({ bounds: { ...DEFAULT_SIZE }, maximised: false });
    expect(initialWindowState({ bounds: { x: 0, y: 0, width: 10, height: 10 }, maximised: false }, screen).bounds).toMatchObject({ width: 900, height: 600 });
  });

  it('saves on move, resize, (un)maximise and close, and the next start reads it back', () => {
    const handlers = new Map<string, () => void>();
    let bounds = { x: 10, y: 20, width: 1100, height: 700 };
    let maximised = false;
    const win = {
      getNormalBounds: () => bounds,
      isMaximized: () => maximised,
      isDestroyed: () => false,
      on: (event: 'close' | 'resized' | 'moved' | 'maximize' | 'unmaximize', l: () => void) => handlers.set(event, l),
    };
    trackWindowState(win, openConfStore<WindowStateData>(dir, { name: 'window-state' }));
    expect([...handlers.keys()].sort()).toEqual(['close', 'maximize', 'moved', 'resized', 'unmaximize']);
    bounds = { x: 40, y: 50, width: 1300, height: 900 };
    handlers.get('moved')!();
    maximised = true;
    handlers.get('maximize')!();
    const saved = openConfStore<WindowStateData>(dir, { name: 'window-state' }).get('window');
    expect(saved).toEqual({ bounds: { x: 40, y: 50, width: 1300, height: 900 }, maximised: true });
    expect(initialWindowState(saved, screen)).toEqual({ bounds: { x: 40, y: 50, width: 1300, height: 900 }, maximised: true });
  });
});

describe('shell paths', () => {
  it('finds preload, web client and icons beside the bundle, icons unpacked from a packaged asar', () => {
    expect(shellPaths('file:///work/app/dist-electron/main.js')).toEqual({
      appRoot: '/work/app',
      preload: '/work/app/dist-electron/preload.cjs',
      webRoot: '/work/app/dist/web',
      icon: '/work/app/assets/icon.png',
      trayIdle: '/work/app/assets/tray.png',
      trayRinging: '/work/app/assets/tray-ringing.png',
    });
    const packaged = shellPaths('file:///opt/OnCall/resources/app.asar/dist-electron/main.js');
    expect(packaged.webRoot).toBe('/opt/OnCall/resources/app.asar/dist/web');
    expect(packaged.trayRinging).toBe('/opt/OnCall/resources/app.asar.unpacked/assets/tray-ringing.png');
  });
});
