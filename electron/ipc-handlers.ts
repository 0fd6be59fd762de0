import { z } from 'zod';
import {
  AttentionState,
  ClientUuid,
  DesktopSettingsPatch,
  ExternalUrl,
  IPC,
  OutboxItem,
  RingNotification,
  type DesktopSettings,
} from '../signaling/protocol.js';
import { handleValidated, type IpcLog, type IpcMainLike } from './ipc-guard.js';

/** The main-process side of `window.oncall`: one validated handler per OnCallBridge method. */

/** Opaque session token as the server issues it. */
export const SessionToken = z.string().min(1).max(4096);

/** Argument tuples per channel, built from the bridge's zod schemas. */
export const BRIDGE_ARGS = {
  [IPC.settingsGet]: z.tuple([]),
  [IPC.settingsSet]: z.tuple([DesktopSettingsPatch]),
  [IPC.tokenGet]: z.tuple([]),
  [IPC.tokenSet]: z.tuple([SessionToken.nullable()]),
  [IPC.outboxList]: z.tuple([]),
  [IPC.outboxPut]: z.tuple([OutboxItem]),
  [IPC.outboxRemove]: z.tuple([ClientUuid]),
  [IPC.setAttention]: z.tuple([AttentionState]),
  [IPC.notifyRing]: z.tuple([RingNotification]),
  [IPC.clearRing]: z.tuple([RingNotification.shape.callId]),
  [IPC.setCallActive]: z.tuple([z.boolean()]),
  [IPC.openExternal]: z.tuple([ExternalUrl]),
} as const;

export interface BridgeServices {
  settings: { get(): DesktopSettings; set(patch: unknown): DesktopSettings };
  token: { get(): string | null; set(token: string | null): void };
  outbox: { list(): OutboxItem[]; put(item: unknown): void; remove(outcomeId: string): void };
  setAttention(state: AttentionState): void;
  ring: { notify(n: RingNotification): void; clear(callId: string): void };
  setCallActive(active: boolean): void;
  openExternal(url: string): Promise<void>;
}

export function registerBridgeHandlers(ipc: IpcMainLike, s: BridgeServices, log: IpcLog): void {
  const on = <A extends unknown[]>(channel: string, args: z.ZodType<A>, handler: (...a: A) => unknown): void =>
    handleValidated(ipc, channel, args, handler, log);

  on(IPC.settingsGet, BRIDGE_ARGS[IPC.settingsGet], () => s.settings.get());
  on(IPC.settingsSet, BRIDGE_ARGS[IPC.settingsSet], (patch) => s.settings.set(patch));
  on(IPC.tokenGet, BRIDGE_ARGS[IPC.tokenGet], () => s.token.get());
  on(IPC.tokenSet, BRIDGE_ARGS[IPC.tokenSet], (token) => s.token.set(token));
  on(IPC.outboxList, BRIDGE_ARGS[IPC.outboxList], () => s.outbox.list());
  on(IPC.outboxPut, BRIDGE_ARGS[IPC.outboxPut], (item) => s.outbox.put(item));
  on(IPC.outboxRemove, BRIDGE_ARGS[IPC.outboxRemove], (outcomeId) => s.outbox.remove(outcomeId));
  on(IPC.setAttention, BRIDGE_ARGS[IPC.setAttention], (state) => s.setAttention(state));
  on(IPC.notifyRing, BRIDGE_ARGS[IPC.notifyRing], (n) => s.ring.notify(n));
  on(IPC.clearRing, BRIDGE_ARGS[IPC.clearRing], (callId) => s.ring.clear(callId));
  on(IPC.setCallActive, BRIDGE_ARGS[IPC.setCallActive], (active) => s.setCallActive(active));
  on(IPC.openExternal, BRIDGE_ARGS[IPC.openExternal], (url) => s.openExternal(url));
}
