import type { OnCallBridge } from '../../electron/bridge-contract.js';
import { createBrowserPlatform } from './browser.js';
import type { Platform } from './platform.js';

export type { Platform } from './platform.js';

function desktopPlatform(bridge: OnCallBridge): Platform {
  return {
    ...bridge,
    kind: 'desktop',
    canChooseServer: true,
    serverUrl: async () => (await bridge.settings.get()).serverUrl.replace(/\/+$/, ''),
  };
}

function webPlatform(): Platform {
  return createBrowserPlatform({
    local: window.localStorage,
    session: window.sessionStorage,
    origin: window.location.origin,
    setTitle: (title) => {
      document.title = title;
    },
    notify: (n) => {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
      return new Notification(n.title, { body: n.body, tag: n.callId, requireInteraction: true });
    },
    wakeLock: async () => ('wakeLock' in navigator ? navigator.wakeLock.request('screen') : null),
    openWindow: (url) => {
      window.open(url, '_blank', 'noopener,noreferrer');
    },
  });
}

/** Web Notifications need the user's permission; asked when a specialist goes on call. */
export async function askNotificationPermission(): Promise<void> {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
    await Notification.requestPermission().catch(() => undefined);
  }
}

let current: Platform | null = null;

/** The desktop bridge when the preload exposed one, else the browser implementation. */
export function platform(): Platform {
  current ??= window.oncall ? desktopPlatform(window.oncall) : webPlatform();
  return current;
}

/** Tests and tools may install a platform explicitly. */
export function setPlatform(p: Platform): void {
  current = p;
}
