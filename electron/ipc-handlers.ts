import { BRIDGE, bridgeEntries, type BridgeImplementation, type BridgeTable, type PushChannel } from './bridge-contract.js';
import { handleValidated, type IpcLog, type IpcMainLike } from './ipc-guard.js';

/**
 * The main-process side of `window.oncall`: one sender-checked, payload-validated handler
 * (ipc-guard.ts) per call in the bridge contract's channel table, each running the implementation
 * found at the same place in `services`.
 */

export type { BridgeServices } from './bridge-contract.js';

/** Handlers for the contract's table (another table only in tests). */
export function registerBridgeHandlers<T extends BridgeTable = typeof BRIDGE>(
  ipc: IpcMainLike,
  services: BridgeImplementation<T>,
  log: IpcLog,
  table: T = BRIDGE as BridgeTable as T,
): void {
  for (const { path, channel } of bridgeEntries(table)) {
    if (channel.kind !== 'invoke') continue;
    const { holder, name } = implementationAt(services, path);
    // Called on its holder, so a service object's methods keep their `this`.
    handleValidated(ipc, channel.channel, channel.args, (...args) => (holder[name] as (...a: unknown[]) => unknown)(...args), log);
  }
}

function implementationAt(services: unknown, path: readonly string[]): { holder: Record<string, unknown>; name: string } {
  let holder = services as Record<string, unknown>;
  for (const name of path.slice(0, -1)) holder = holder[name] as Record<string, unknown>;
  const name = path.at(-1)!;
  if (typeof holder?.[name] !== 'function') throw new Error(`bridge: no implementation for ${path.join('.')}`);
  return { holder, name };
}

export interface PushTarget {
  send(channel: string, ...args: unknown[]): void;
}

/** Main → renderer on a push channel of the table, typed by it (e.g. the tray's presence choice). */
export function pushToRenderer<V>(target: PushTarget | null | undefined, channel: PushChannel<V>, value: V): void {
  target?.send(channel.channel, value);
}
