import type { CustomScheme } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/**
 * Serves the built renderer (dist/web) on app://oncall/ through `protocol.handle`. Only files
 * inside webRoot can ever be read: the URL path is decoded segment by segment and any segment that
 * could climb or smuggle a separator is refused before the path is joined.
 */

/** What registerSchemesAsPrivileged needs for `app:` (a secure, standard origin that can fetch). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(filePath: string): string {
  return MIME[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a request URL names inside webRoot, or null when the URL is not ours or tries to leave
 * webRoot. "/" maps to index.html.
 */
export function resolveAppPath(webRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') return null;
  const segments: string[] = [];
  for (const raw of url.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(webRoot);
  const full = resolve(root, ...segments);
  return full.startsWith(root + sep) ? full : null;
}

export interface AppProtocolOptions {
  webRoot: string;
  /** Read per request: a changed server URL applies from the next page load. */
  csp(): string;
  readFile?(path: string): Promise<Uint8Array>;
}

function securityHeaders(csp: string, contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

export function createAppProtocolHandler(opts: AppProtocolOptions): (request: Request) => Promise<Response> {
  const read = opts.readFile ?? ((path: string) => readFile(path));
  const text = (status: number, body: string): Response =>
    new Response(body, { status, headers: securityHeaders(opts.csp(), 'text/plain; charset=utf-8') });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    const path = resolveAppPath(opts.webRoot, request.url);
    if (!path) return text(404, 'Not found');
    const candidates = [path];
    // A path without an extension is a client-side route: answer with the app shell.
    if (extname(path) === '') candidates.push(resolve(opts.webRoot, 'index.html'));
    for (const candidate of candidates) {
      try {
        const body = await read(candidate);
        const headers = securityHeaders(opts.csp(), mimeTypeOf(candidate));
        return new Response(request.method === 'HEAD' ? null : Buffer.from(body), { status: 200, headers });
      } catch {
        // try the next candidate
      }
    }
    return text(404, 'Not found');
  };
}
