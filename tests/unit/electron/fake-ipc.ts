import type { IpcRendererLike } from '../../../electron/bridge-client.js';
import type { InvokeEventLike, IpcMainLike } from '../../../electron/ipc-guard.js';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => unknown;
type Listener = (event: unknown, ...args: unknown[]) => void;

/**
 * An in-memory stand-in for Electron's IPC: ipcMain.handle on one side, ipcRenderer on the other,
 * arguments structured-cloned like the real channel. `frame` is who the main process sees calling.
 */
export function fakeIpc(frame: InvokeEventLike['senderFrame'] = { url: 'app://oncall/index.html', parent: null }) {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<Listener>>();
  const main: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
  const invokeAs = async (sender: InvokeEventLike['senderFrame'], channel: string, ...args: unknown[]): Promise<unknown> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ senderFrame: sender }, ...structuredClone(args)));
  };
  const renderer: IpcRendererLike = {
    invoke: (channel, ...args) => invokeAs(frame, channel, ...args),
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  /** webContents.send from the main process. */
  const send = (channel: string, ...args: unknown[]): void => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'ipc-event' }, ...structuredClone(args));
  };
  return { main, renderer, send, invokeAs, channels: () => [...handlers.keys()].sort() };
}
