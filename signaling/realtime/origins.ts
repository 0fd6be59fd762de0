import { DESKTOP_ORIGIN } from '../options.js';

/**
 * Browser origins allowed to use the API and the socket: the server's own origin (whatever host
 * name it was reached by), the desktop app's `app://oncall`, and configured extra origins.
 * Requests without an Origin header (native clients, same-origin GETs) are allowed; the session
 * token is what authorises them.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, extra: readonly string[]): boolean {
  if (!origin) return true;
  if (origin === DESKTOP_ORIGIN || extra.includes(origin)) return true;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
