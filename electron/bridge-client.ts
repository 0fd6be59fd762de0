import {
  IPC,
  type AttentionState,
  type DesktopSettings,
  type DesktopSettingsPatch,
  type OnCallBridge,
  type OutboxItem,
  type RingNotification,
} from '../signaling/protocol/bridge.js';

/**
 * The renderer side of `window.oncall`, built on the two ipcRenderer calls the preload passes in.
 * Only these named methods cross the context bridge: the renderer never sees ipcRenderer, the IPC
 * event object or any channel other than the ones listed here.
 */

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipc: IpcRendererLike): OnCallBridge {
  // The main process validated its side; the values it returns are the bridge's declared types.
  const call = <T>(channel: string, ...args: unknown[]): Promise<T> => ipc.invoke(channel, ...args) as Promise<T>;

  return {
    kind: 'desktop',
    settings: {
      get: () => call<DesktopSettings>(IPC.settingsGet),
      set: (patch: DesktopSettingsPatch) => call<DesktopSettings>(IPC.settingsSet, patch),
    },
    token: {
      get: () => call<string | null>(IPC.tokenGet),
      set: (token: string | null) => call<void>(IPC.tokenSet, token),
    },
    outbox: {
      list: () => call<OutboxItem[]>(IPC.outboxList),
      put: (item: OutboxItem) => call<void>(IPC.outboxPut, item),
      remove: (outcomeId: string) => call<void>(IPC.outboxRemove, outcomeId),
    },
    setAttention: (state: AttentionState) => call<void>(IPC.setAttention, state),
    notifyRing: (n: RingNotification) => call<void>(IPC.notifyRing, n),
    clearRing: (callId: string) => call<void>(IPC.clearRing, callId),
    setCallActive: (active: boolean) => call<void>(IPC.setCallActive, active),
    openExternal: (url: string) => call<void>(IPC.openExternal, url),
    onTrayPresence(cb) {
      const listener = (_event: unknown, status: unknown): void => {
        if (status === 'available' || status === 'away') cb(status);
      };
      ipc.on(IPC.trayPresence, listener);
      return () => {
        ipc.removeListener(IPC.trayPresence, listener);
      };
    },
  };
}
