/**
 * The desktop renderer's own origin. The renderer is served from dist/web through the privileged
 * `app:` scheme, so every security decision (IPC senders, permissions, navigation) compares
 * against this one origin. The server's CORS list carries the same string.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'oncall';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs on app://oncall. `new URL('app://x').origin` is "null" for non-special
 * schemes, so scheme and host are compared instead; credentials and ports never belong here.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
