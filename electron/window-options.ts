import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { InitialWindowState } from './window-state.js';
import { MIN_SIZE } from './window-state.js';

/** The main window's options: Electron's security checklist in one place. */

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // A ringing call must keep its timers and ring sound going while the window is hidden.
    backgroundThrottling: false,
  };
}

export function mainWindowOptions(opts: {
  preloadPath: string;
  iconPath: string;
  state: InitialWindowState;
}): BrowserWindowConstructorOptions {
  return {
    ...opts.state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'OnCall',
    icon: opts.iconPath,
    show: false,
    backgroundColor: '#f5f7f8',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(opts.preloadPath),
  };
}
