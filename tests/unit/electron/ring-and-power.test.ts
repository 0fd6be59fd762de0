import { describe, expect, it, vi } from 'vitest';
import { createCallActivity, type PowerSaveBlockerLike } from '../../../electron/call-activity.js';
import { createRingNotifier, type NotificationOptions } from '../../../electron/ring-notifications.js';

function fakeNotifications(supported = true) {
  const shown: { options: NotificationOptions; closed: boolean; click?: () => void; shownCount: number }[] = [];
  const focusWindow = vi.fn();
  const notifier = createRingNotifier({
    isSupported: () => supported,
    create(options) {
      const n = { options, closed: false, shownCount: 0, click: undefined as (() => void) | undefined };
      shown.push(n);
      return {
        show: () => void n.shownCount++,
        close: () => void (n.closed = true),
        onClick: (l) => void (n.click = l),
      };
    },
    focusWindow,
  });
  return { notifier, shown, focusWindow };
}

const ring = { callId: 'call-1', title: 'Cardiology: incoming call', body: 'Dr Emma Wright (resident doctor): chest pain' };

describe('ring notifications', () => {
  it('shows an urgent, never-expiring, silent notification; clicking focuses the window', () => {
    const { notifier, shown, focusWindow } = fakeNotifications();
    notifier.notify(ring);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options).toEqual({ title: ring.title, body: ring.body, urgency: 'critical', timeoutType: 'never', silent: true });
    expect(shown[0]!.shownCount).toBe(1);
    shown[0]!.click!();
    expect(focusWindow).toHaveBeenCalled();
    expect(shown[0]!.closed).toBe(true);
  });

  it('one notification per call: re-notifying replaces it, clearing closes it', () => {
    const { notifier, shown } = fakeNotifications();
    notifier.notify(ring);
    notifier.notify({ ...ring, body: 'updated' });
    notifier.notify({ ...ring, callId: 'call-2' });
    expect(shown.map((n) => n.closed)).toEqual([true, false, false]);
    notifier.clear('call-1');
    expect(shown[1]!.closed).toBe(true);
    notifier.clear('unknown');
    notifier.clearAll();
    expect(shown.every((n) => n.closed)).toBe(true);
  });

  it('does nothing where the OS has no notifications', () => {
    const { notifier, shown } = fakeNotifications(false);
    notifier.notify(ring);
    expect(shown).toHaveLength(0);
  });
});

function fakeBlocker() {
  let next = 1;
  const started = new Set<number>();
  const blocker: PowerSaveBlockerLike & { starts: string[] } = {
    starts: [],
    start(type) {
      blocker.starts.push(type);
      started.add(next);
      return next++;
    },
    stop: (id) => started.delete(id),
    isStarted: (id) => started.has(id),
  };
  return { blocker, started };
}

describe('display sleep during a call', () => {
  it('blocks display sleep once while connected and releases it after', () => {
    const { blocker, started } = fakeBlocker();
    const call = createCallActivity(blocker);
    call.set(true);
    call.set(true);
    expect(blocker.starts).toEqual(['prevent-display-sleep']);
    expect(call.active).toBe(true);
    call.set(false);
    expect(started.size).toBe(0);
    expect(call.active).toBe(false);
    call.set(false);
    call.set(true);
    expect(blocker.starts).toHaveLength(2);
  });

  it('starts again if the OS dropped the blocker', () => {
    const { blocker, started } = fakeBlocker();
    const call = createCallActivity(blocker);
    call.set(true);
    started.clear();
    call.set(true);
    expect(blocker.starts).toHaveLength(2);
    expect(call.active).toBe(true);
  });
});
