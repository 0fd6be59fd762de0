import { ExternalUrl } from './bridge-contract.js';
import { isAppUrl } from './app-origin.js';

/**
 * Navigation policy for every WebContents: the window never leaves app://oncall, never opens a
 * second window, and hands http(s) links to the user's browser after validation.
 */

export type OpenExternal = (url: string) => Promise<void>;

export interface NavigationLog {
  warn(message: string): void;
}

/** Validates with the bridge's ExternalUrl schema: http(s) only, a well-formed absolute URL. */
export function createExternalOpener(openExternal: OpenExternal): OpenExternal {
  return async (url) => {
    const parsed = ExternalUrl.safeParse(url);
    if (!parsed.success) throw new Error('openExternal: only http(s) links can be opened');
    await openExternal(new URL(parsed.data).href);
  };
}

/** `will-navigate` / `will-redirect` / `will-frame-navigate`: stay on the app origin. */
export function guardNavigation(
  event: { preventDefault(): void },
  url: string,
  openExternal: OpenExternal,
  log: NavigationLog,
): void {
  if (isAppUrl(url)) return;
  event.preventDefault();
  log.warn(`navigation to ${url} blocked`);
  if (ExternalUrl.safeParse(url).success) void openExternal(url).catch(() => undefined);
}

/** `setWindowOpenHandler`: never a new Electron window; http(s) goes to the browser. */
export function windowOpenDecision(url: string, openExternal: OpenExternal, log: NavigationLog): { action: 'deny' } {
  if (ExternalUrl.safeParse(url).success) void openExternal(url).catch(() => undefined);
  else log.warn(`window.open(${url}) blocked`);
  return { action: 'deny' };
}
