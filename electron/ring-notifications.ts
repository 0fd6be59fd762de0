import type { RingNotification } from './bridge-contract.js';

/**
 * One OS notification per ringing call: critical urgency, never times out, silent (the renderer
 * plays the ring at the user's ring volume), clicking it brings the window forward. References
 * are held until cleared so the notification is not garbage-collected while it is on screen.
 */

export interface NotificationOptions {
  title: string;
  body: string;
  urgency: 'critical';
  timeoutType: 'never';
  silent: boolean;
}

export interface ShownNotification {
  show(): void;
  close(): void;
  onClick(listener: () => void): void;
}

export interface RingNotifierDeps {
  isSupported(): boolean;
  create(options: NotificationOptions): ShownNotification;
  focusWindow(): void;
}

export interface RingNotifier {
  notify(n: RingNotification): void;
  clear(callId: string): void;
  clearAll(): void;
}

export function createRingNotifier(deps: RingNotifierDeps): RingNotifier {
  const shown = new Map<string, ShownNotification>();

  const clear = (callId: string): void => {
    shown.get(callId)?.close();
    shown.delete(callId);
  };

  return {
    notify(n) {
      clear(n.callId);
      if (!deps.isSupported()) return;
      const notification = deps.create({ title: n.title, body: n.body, urgency: 'critical', timeoutType: 'never', silent: true });
      notification.onClick(() => {
        deps.focusWindow();
        clear(n.callId);
      });
      shown.set(n.callId, notification);
      notification.show();
    },
    clear,
    clearAll() {
      for (const callId of [...shown.keys()]) clear(callId);
    },
  };
}
