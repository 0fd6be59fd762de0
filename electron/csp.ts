/**
 * The renderer's Content-Security-Policy, sent as a response header by the app: protocol handler.
 * connect-src names the configured signaling server (its http(s) origin for the REST API and the
 * matching ws(s) origin for socket.io); nothing else may be reached from the page.
 */
export function serverOrigins(serverUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return [];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
  const socketScheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, `${socketScheme}//${url.host}`];
}

export function buildCsp(serverUrl: string): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    // React sets styles through the CSSOM (allowed under any policy); 'unsafe-inline' only admits
    // <style> blocks, which cannot run code, and keeps third-party chart styles working.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...serverOrigins(serverUrl)],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
