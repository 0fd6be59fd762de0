// A stand-in for the `electron` module (the binary cannot run here): just enough of each API the
// main process touches, recording what it is asked to do in globalThis.__electronFake.
import { EventEmitter } from 'node:events';

const rec = {
  paths: {},
  calls: [],
  privileged: null,
  readyWhenPrivileged: null,
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  permission: {},
  windows: [],
  trays: [],
  notifications: [],
  blockers: [],
  opened: [],
  badge: null,
  ready: false,
};
globalThis.__electronFake = rec;

export const app = Object.assign(new EventEmitter(), {
  getPath: (name) => rec.paths[name] ?? `/nonexistent/${name}`,
  setPath: (name, path) => void (rec.paths[name] = path),
  getVersion: () => '0.1.0',
  getName: () => 'oncall',
  requestSingleInstanceLock: () => true,
  enableSandbox: () => {
    rec.sandboxEnabledBeforeReady = !rec.ready;
  },
  setAppUserModelId: () => undefined,
  whenReady: () =>
    new Promise((resolve) =>
      setImmediate(() => {
        rec.ready = true;
        resolve();
      }),
    ),
  quit: () => void rec.calls.push('app.quit'),
  exit: (code) => void rec.calls.push(`app.exit(${code})`),
  setBadgeCount: (n) => {
    rec.badge = n;
    return true;
  },
});

rec.app = app;

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    rec.privileged = schemes;
    rec.readyWhenPrivileged = rec.ready;
  },
  handle: (scheme, handler) => void rec.protocolHandlers.set(scheme, handler),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => void (rec.permission.request = h),
    setPermissionCheckHandler: (h) => void (rec.permission.check = h),
    setDevicePermissionHandler: (h) => void (rec.permission.device = h),
  },
};

export const ipcMain = {
  handle: (channel, listener) => void rec.ipcHandlers.set(channel, listener),
  on: () => undefined, // electron-store's own renderer channel
};

class FakeWebContents extends EventEmitter {
  sent = [];
  reloads = 0;
  openHandler = null;
  send(...args) {
    this.sent.push(args);
  }
  reload() {
    this.reloads++;
  }
  setWindowOpenHandler(handler) {
    this.openHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.visible = false;
    this.title = '';
    this.actions = [];
    rec.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  setTitle(title) {
    this.title = title;
  }
  flashFrame(on) {
    this.flashing = on;
  }
  isFocused = () => false;
  isDestroyed = () => false;
  isMinimized = () => false;
  isMaximized = () => false;
  isVisible = () => this.visible;
  getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
  show() {
    this.visible = true;
    this.actions.push('show');
  }
  hide() {
    this.visible = false;
    this.actions.push('hide');
  }
  focus() {
    this.actions.push('focus');
  }
  restore() {
    this.actions.push('restore');
  }
  minimize() {
    this.actions.push('minimize');
  }
  maximize() {
    this.actions.push('maximize');
  }
  reload() {
    this.actions.push('reload');
  }
}

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    rec.trays.push(this);
  }
  setImage(image) {
    this.image = image;
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
}

export const Menu = { buildFromTemplate: (template) => ({ template }) };
export const nativeImage = { createFromPath: (path) => ({ path }) };

export class Notification extends EventEmitter {
  static isSupported = () => true;
  constructor(options) {
    super();
    this.options = options;
    this.shown = false;
    this.closed = false;
    rec.notifications.push(this);
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
  }
}

const started = new Set();
export const powerSaveBlocker = {
  start: (type) => {
    rec.blockers.push(type);
    started.add(rec.blockers.length);
    return rec.blockers.length;
  },
  stop: (id) => started.delete(id),
  isStarted: (id) => started.has(id),
};

// No OS keychain in the fake: the token must stay in memory only.
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('encryption unavailable');
  },
  decryptString: () => {
    throw new Error('encryption unavailable');
  },
  getSelectedStorageBackend: () => 'basic_text',
};

export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const shell = { openExternal: async (url) => void rec.opened.push(url) };

export default { app, protocol, session, ipcMain, BrowserWindow, Tray, Menu, nativeImage, Notification, powerSaveBlocker, safeStorage, screen, shell };
