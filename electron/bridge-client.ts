import { BRIDGE, bridgeEntries, type BridgeApi, type BridgeTable } from './bridge-contract.js';

/**
 * The renderer side of `window.oncall`, built from the bridge contract's channel table on the two
 * ipcRenderer calls the preload passes in. Only the table's methods cross the context bridge: the
 * renderer never sees ipcRenderer, the IPC event object or any channel not in the table.
 */

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Method = (...args: never[]) => unknown;

/** `window.oncall` for the contract's table (another table only in tests). */
export function createBridge<T extends BridgeTable = typeof BRIDGE>(
  ipc: IpcRendererLike,
  table: T = BRIDGE as BridgeTable as T,
): { readonly kind: 'desktop' } & BridgeApi<T> {
  const bridge: Record<string, unknown> = { kind: 'desktop' };
  for (const { path, channel } of bridgeEntries(table)) {
    let method: Method;
    if (channel.kind === 'invoke') {
      // The main process validated the arguments; what it returns is the table's declared result.
      method = (...args: unknown[]) => ipc.invoke(channel.channel, ...args);
    } else {
      method = (listener: (value: unknown) => void) => {
        const onMessage = (_event: unknown, value: unknown): void => {
          const parsed = channel.value.safeParse(value);
          if (parsed.success) listener(parsed.data);
        };
        ipc.on(channel.channel, onMessage);
        return () => {
          ipc.removeListener(channel.channel, onMessage);
        };
      };
    }
    place(bridge, path, method);
  }
  // Built entry by entry from the table that the type is derived from.
  return bridge as { readonly kind: 'desktop' } & BridgeApi<T>;
}

function place(target: Record<string, unknown>, path: readonly string[], value: Method): void {
  let group = target;
  for (const name of path.slice(0, -1)) group = (group[name] ??= {}) as Record<string, unknown>;
  group[path.at(-1)!] = value;
}
