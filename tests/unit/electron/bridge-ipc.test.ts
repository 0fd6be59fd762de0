import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createBridge } from '../../../electron/bridge-client.js';
import {
  BRIDGE,
  bridgeEntries,
  invoke,
  push,
  returns,
  type AttentionState,
  type OnCallBridge,
  type OutboxItem,
  type RingNotification,
} from '../../../electron/bridge-contract.js';
import { registerBridgeHandlers, type BridgeServices } from '../../../electron/ipc-handlers.js';
import { createOutboxStore, OUTBOX_STORE_OPTIONS, type OutboxData } from '../../../electron/outbox-store.js';
import { createSettingsService, defaultSettings, settingsStoreOptions, type SettingsData } from '../../../electron/settings.js';
import { openConfStore } from './conf-store.js';
import { fakeIpc } from './fake-ipc.js';

/**
 * The whole bridge contract without Electron: the preload's bridge object talks through a fake
 * IPC channel to the main process's validated handlers, which use the real stores.
 */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oncall-bridge-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function setup(frame?: Parameters<typeof fakeIpc>[0]) {
  const ipc = fakeIpc(frame);
  const defaults = defaultSettings({});
  let token: string | null = null;
  const services = {
    settings: createSettingsService(openConfStore<SettingsData>(dir, settingsStoreOptions(defaults)), defaults),
    token: { get: () => token, set: (t: string | null) => void (token = t) },
    outbox: createOutboxStore(openConfStore<OutboxData>(dir, { ...OUTBOX_STORE_OPTIONS }), { warn: vi.fn() }),
    setAttention: vi.fn<(s: AttentionState) => void>(),
    notifyRing: vi.fn<(n: RingNotification) => void>(),
    clearRing: vi.fn<(id: string) => void>(),
    setCallActive: vi.fn<(a: boolean) => void>(),
    openExternal: vi.fn(async (_url: string) => undefined),
  } satisfies BridgeServices;
  const log = { warn: vi.fn(), error: vi.fn() };
  registerBridgeHandlers(ipc.main, services, log);
  return { ipc, services, log, bridge: createBridge(ipc.renderer) };
}

const item = (): OutboxItem => ({
  kind: 'advice',
  queuedAt: 1_700_000_000_000,
  payload: { outcomeId: randomUUID(), callId: 'call-7', code: 'URGENT_REFERRAL', enteredAt: 1_700_000_000_000 },
});

const IPC = {
  settingsGet: BRIDGE.settings.get.channel,
  tokenGet: BRIDGE.token.get.channel,
  outboxList: BRIDGE.outbox.list.channel,
  setCallActive: BRIDGE.setCallActive.channel,
  openExternal: BRIDGE.openExternal.channel,
  trayPresence: BRIDGE.onTrayPresence.channel,
};

describe('window.oncall ⇄ main process', () => {
  it('registers exactly one handler per call in the channel table, and the bridge has a method per channel', () => {
    const { ipc, bridge } = setup();
    const calls = bridgeEntries().filter((e) => e.channel.kind === 'invoke');
    expect(calls).toHaveLength(12);
    expect(ipc.channels()).toEqual(calls.map((e) => e.channel.channel).sort());
    const methods = bridgeEntries().map(({ path }) => path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], bridge));
    expect(methods.every((m) => typeof m === 'function')).toBe(true);
    expect(new Set(bridgeEntries().map((e) => e.channel.channel)).size).toBe(bridgeEntries().length);
  });

  it('a channel added to the table is one entry: both sides are built from it, checks included', async () => {
    const table = {
      ...BRIDGE,
      diagnostics: {
        echo: invoke('oncall:test:echo', z.tuple([z.string().max(5)]), returns<string>()),
        onPing: push('oncall:test:ping', z.number().int()),
      },
    };
    const ipc = fakeIpc();
    const log = { warn: vi.fn(), error: vi.fn() };
    const { services } = setup();
    registerBridgeHandlers(ipc.main, { ...services, diagnostics: { echo: (text) => `echo ${text}` } }, log, table);
    const bridge = createBridge(ipc.renderer, table);
    expect(await bridge.diagnostics.echo('hi')).toBe('echo hi');
    await expect(bridge.diagnostics.echo('too long')).rejects.toThrow(/invalid payload: 0: /);
    await expect(ipc.invokeAs({ url: 'https://evil.example/', parent: null }, 'oncall:test:echo', 'hi')).rejects.toThrow(/refused/);
    const pings: number[] = [];
    bridge.diagnostics.onPing((n) => pings.push(n));
    ipc.send('oncall:test:ping', 1.5);
    ipc.send('oncall:test:ping', 2);
    expect(pings).toEqual([2]);
  });

  it('refuses to start with a call that has no implementation', () => {
    const { services } = setup();
    const { openExternal: _missing, ...incomplete } = services;
    expect(() => registerBridgeHandlers(fakeIpc().main, incomplete as never, { warn: vi.fn(), error: vi.fn() })).toThrow(
      /no implementation for openExternal/,
    );
    const { get: _get, ...settingsWithoutGet } = services.settings;
    expect(() =>
      registerBridgeHandlers(fakeIpc().main, { ...services, settings: settingsWithoutGet } as never, { warn: vi.fn(), error: vi.fn() }),
    ).toThrow(/no implementation for settings\.get/);
  });

  it('carries every bridge method to its service', async () => {
    const { bridge, services } = setup();
    expect(bridge.kind).toBe('desktop');
    expect((await bridge.settings.set({ ringVolume: 0.25 })).ringVolume).toBe(0.25);
    expect((await bridge.settings.get()).ringVolume).toBe(0.25);
    await bridge.token.set('sess_abc');
    expect(await bridge.token.get()).toBe('sess_abc');
    const queued = item();
    await bridge.outbox.put(queued);
    expect(await bridge.outbox.list()).toEqual([queued]);
    await bridge.outbox.remove(queued.payload.outcomeId);
    expect(await bridge.outbox.list()).toEqual([]);
    await bridge.setAttention({ ringing: 2, presence: 'available' });
    expect(services.setAttention).toHaveBeenCalledWith({ ringing: 2, presence: 'available' });
    const ring = { callId: 'call-7', title: 'Cardiology call', body: 'Dr Wright, GP: chest pain' };
    await bridge.notifyRing(ring);
    expect(services.notifyRing).toHaveBeenCalledWith(ring);
    await bridge.clearRing('call-7');
    expect(services.clearRing).toHaveBeenCalledWith('call-7');
    await bridge.setCallActive(true);
    expect(services.setCallActive).toHaveBeenCalledWith(true);
    await bridge.openExternal('https://www.nice.org.uk/');
    expect(services.openExternal).toHaveBeenCalledWith('https://www.nice.org.uk/');
  });

  it.each([
    ['settings.set', (b: OnCallBridge) => b.settings.set({ ringVolume: 5 })],
    ['settings.set extra key', (b: OnCallBridge) => b.settings.set({ nodeIntegration: true } as never)],
    ['token.set', (b: OnCallBridge) => b.token.set(42 as never)],
    ['token.set empty', (b: OnCallBridge) => b.token.set('')],
    ['outbox.put', (b: OnCallBridge) => b.outbox.put({ kind: 'advice' } as never)],
    ['outbox.remove', (b: OnCallBridge) => b.outbox.remove('../../etc')],
    ['setAttention', (b: OnCallBridge) => b.setAttention({ ringing: -1, presence: 'available' })],
    ['notifyRing', (b: OnCallBridge) => b.notifyRing({ callId: 'x', title: 'y'.repeat(201), body: '' })],
    ['setCallActive', (b: OnCallBridge) => b.setCallActive('yes' as never)],
    ['openExternal file', (b: OnCallBridge) => b.openExternal('file:///etc/passwd')],
    ['openExternal js', (b: OnCallBridge) => b.openExternal('javascript:alert(1)')],
  ])('rejects a bad %s payload with a clear error and calls nothing', async (_name, call) => {
    const { bridge, services, log } = setup();
    await expect(call(bridge)).rejects.toThrow(/invalid payload: /);
    expect(log.warn).toHaveBeenCalled();
    expect(services.setAttention).not.toHaveBeenCalled();
    expect(services.notifyRing).not.toHaveBeenCalled();
    expect(services.setCallActive).not.toHaveBeenCalled();
    expect(services.openExternal).not.toHaveBeenCalled();
    expect(await bridge.outbox.list()).toEqual([]);
    expect((await bridge.settings.get()).ringVolume).toBe(0.8);
  });

  it('rejects extra arguments', async () => {
    const { ipc, services } = setup();
    await expect(ipc.renderer.invoke(IPC.setCallActive, true, 'extra')).rejects.toThrow(/invalid payload/);
    expect(services.setCallActive).not.toHaveBeenCalled();
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['the server origin', { url: 'http://127.0.0.1:4400/', parent: null }],
    ['a sub-frame of the app', { url: 'app://oncall/index.html', parent: { url: 'app://oncall/' } }],
    ['a look-alike host', { url: 'app://oncall.evil/', parent: null }],
    ['a destroyed frame', null],
  ])('refuses calls from %s before looking at the payload', async (_name, frame) => {
    const { ipc, services, log } = setup();
    for (const [channel, args] of [
      [IPC.tokenGet, []],
      [IPC.setCallActive, [true]],
      [IPC.outboxList, []],
    ] as const) {
      await expect(ipc.invokeAs(frame, channel, ...args)).rejects.toThrow(/refused, the sender is not the OnCall app/);
    }
    expect(services.setCallActive).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('a failing service comes back as a rejected promise, not a crash', async () => {
    const { ipc, services, log } = setup();
    services.openExternal.mockRejectedValueOnce(new Error('no browser configured'));
    await expect(ipc.renderer.invoke(IPC.openExternal, 'https://a.example/')).rejects.toThrow(/failed: no browser configured/);
    expect(log.error).toHaveBeenCalled();
  });

  it('tray presence reaches subscribers; bad values are ignored; unsubscribe stops it', () => {
    const { ipc, bridge } = setup();
    const seen: string[] = [];
    const off = bridge.onTrayPresence((s) => seen.push(s));
    ipc.send(IPC.trayPresence, 'away');
    ipc.send(IPC.trayPresence, 'busy');
    ipc.send(IPC.trayPresence, { evil: true });
    ipc.send(IPC.trayPresence, 'available');
    off();
    ipc.send(IPC.trayPresence, 'away');
    expect(seen).toEqual(['away', 'available']);
  });
});
