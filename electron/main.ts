/**
 * Electron main process: the only module that imports `electron` at runtime. It wires Electron's
 * objects into the small policy modules beside it, which hold all the logic and are unit-tested.
 */
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  type WebContents,
} from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin.js';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.js';
import { attentionView, INITIAL_ATTENTION } from './attention.js';
import { BRIDGE, type AttentionState, type TrayPresence } from './bridge-contract.js';
import { createCallActivity } from './call-activity.js';
import { buildCsp } from './csp.js';
import { pushToRenderer, registerBridgeHandlers } from './ipc-handlers.js';
import { createExternalOpener, guardNavigation, windowOpenDecision } from './navigation.js';
import { createOutboxStore, OUTBOX_STORE_OPTIONS, type OutboxData } from './outbox-store.js';
import { shellPaths } from './paths.js';
import { allowPermissionCheck, allowPermissionRequest } from './permissions.js';
import { createRingNotifier } from './ring-notifications.js';
import { createSettingsService, defaultSettings, settingsStoreOptions, type SettingsData } from './settings.js';
import { claimSingleInstance } from './single-instance.js';
import { openStoreSafely } from './stores.js';
import { createTokenVault, type SafeStorageLike, type SessionData } from './token-vault.js';
import { trayMenuTemplate } from './tray-menu.js';
import { focusWindow } from './window-focus.js';
import { mainWindowOptions } from './window-options.js';
import { initialWindowState, trackWindowState, type WindowStateData } from './window-state.js';

const log = {
  info: (m: string) => console.log(`[oncall] ${m}`),
  warn: (m: string) => console.warn(`[oncall] ${m}`),
  error: (m: string) => console.error(`[oncall] ${m}`),
};
const paths = shellPaths(import.meta.url);
const openExternal = createExternalOpener((url) => shell.openExternal(url));

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
app.setPath('userData', process.env.ONCALL_USER_DATA_DIR || join(app.getPath('appData'), 'OnCall'));
// Windows shows notifications only for an app with a user model id (the installer's appId).
if (process.platform === 'win32') app.setAppUserModelId('org.oncall.desktop');

let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;
let attention: AttentionState = INITIAL_ATTENTION;
const showMain = (): void => focusWindow(mainWindow);

/** Every WebContents (there is only the main window's): no navigation away, no new windows, no webviews. */
function harden(contents: WebContents): void {
  contents.on('will-frame-navigate', (e) => guardNavigation(e, e.url, openExternal, log));
  contents.on('will-redirect', (e) => guardNavigation(e, e.url, openExternal, log));
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url, openExternal, log));
}

function openStore<T extends Record<string, unknown>>(name: string, open: () => Store<T>): Store<T> {
  return openStoreSafely(open, join(app.getPath('userData'), `${name}.json`), log);
}

async function start(): Promise<void> {
  const defaults = defaultSettings(process.env, log);
  const settingsStore = openStore('settings', () => new Store<SettingsData>(settingsStoreOptions(defaults)));
  // The CSP's connect-src is fixed per page load: a new server URL takes effect after a reload.
  const settings = createSettingsService(settingsStore, defaults, () =>
    setTimeout(() => mainWindow?.webContents.reload(), 100),
  );
  const secureStorage: SafeStorageLike = {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (s) => safeStorage.encryptString(s),
    decryptString: (b) => safeStorage.decryptString(b),
    ...(process.platform === 'linux' ? { getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() } : {}),
  };
  const token = createTokenVault(secureStorage, openStore('session', () => new Store<SessionData>({ name: 'session' })), log);
  if (token.persistence() === 'memory') log.warn('no OS encryption available: the session token will not survive a restart');
  const outbox = createOutboxStore(openStore('outbox', () => new Store<OutboxData>({ ...OUTBOX_STORE_OPTIONS })), log);
  const windowStore = openStore('window-state', () => new Store<WindowStateData>({ name: 'window-state' }));
  const callActivity = createCallActivity(powerSaveBlocker);
  const ring = createRingNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => {
      const n = new Notification({ ...options, icon: paths.icon });
      return { show: () => n.show(), close: () => n.close(), onClick: (listener) => void n.on('click', () => listener()) };
    },
    focusWindow: showMain,
  });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(allowPermissionRequest(permission, details)));
  ses.setPermissionCheckHandler((_wc, permission, origin, details) => allowPermissionCheck(permission, origin, details));
  ses.setDevicePermissionHandler(() => false);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ webRoot: paths.webRoot, csp: () => buildCsp(settings.get().serverUrl) }));

  const trayImages = { idle: nativeImage.createFromPath(paths.trayIdle), ringing: nativeImage.createFromPath(paths.trayRinging) };
  const trayActions = {
    showWindow: showMain,
    choosePresence: (choice: TrayPresence) => pushToRenderer(mainWindow?.webContents, BRIDGE.onTrayPresence, choice),
    quit: () => app.quit(),
  };
  const applyAttention = (state: AttentionState): void => {
    attention = state;
    const view = attentionView(state);
    if (mainWindow && !mainWindow.isDestroyed()) {
      mainWindow.setTitle(view.title);
      mainWindow.flashFrame(view.flash && !mainWindow.isFocused());
    }
    app.setBadgeCount(view.badgeCount);
    tray?.setImage(trayImages[view.trayIcon]);
    tray?.setToolTip(view.tooltip);
    tray?.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state.presence, trayActions)));
  };

  registerBridgeHandlers(
    ipcMain,
    {
      settings,
      token,
      outbox,
      setAttention: applyAttention,
      notifyRing: (n) => ring.notify(n),
      clearRing: (callId) => ring.clear(callId),
      setCallActive: (active) => callActivity.set(active),
      openExternal,
    },
    log,
  );

  tray = new Tray(trayImages.idle);
  tray.on('click', showMain);

  const state = initialWindowState(windowStore.get('window'), screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow(mainWindowOptions({ preloadPath: paths.preload, iconPath: paths.icon, state }));
  mainWindow = win;
  trackWindowState(win, windowStore);
  win.on('page-title-updated', (e) => e.preventDefault());
  win.on('focus', () => win.flashFrame(false));
  // While signed in, closing hides to the tray so calls still ring; signed out, it quits.
  win.on('close', (e) => {
    if (!quitting && attention.presence !== 'offline') {
      e.preventDefault();
      win.hide();
    }
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  win.once('ready-to-show', () => {
    if (settings.get().startMinimised) win.minimize();
    else if (state.maximised) win.maximize();
    else win.show();
  });
  win.webContents.on('render-process-gone', (_e, details) => {
    log.error(`renderer gone (${details.reason})`);
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.reload();
  });
  app.on('before-quit', () => {
    quitting = true;
    ring.clearAll();
    callActivity.set(false);
  });
  applyAttention(attention);
  await win.loadURL(APP_ENTRY_URL);
}

if (claimSingleInstance(app, showMain)) {
  app.on('web-contents-created', (_e, contents) => harden(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', showMain);
  app.whenReady().then(start, (err: unknown) => {
    log.error(`start-up failed: ${String(err)}`);
    app.exit(1);
  });
}
