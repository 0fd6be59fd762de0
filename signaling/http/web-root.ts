import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { notFoundBody } from './errors.js';

const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * Strict CSP for the web client: everything from this origin only; the socket may connect back to
 * this same host over ws/wss; photos are shown from blob: URLs; no plugins, no framing.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const socket = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    `connect-src 'self'${socket}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const isApi = (url: string) => url.startsWith('/api/') || url === '/api' || url.startsWith('/socket.io');

/** Security headers on every response; the CSP on everything that is not API JSON. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    if (!isApi(req.url)) reply.header('Content-Security-Policy', contentSecurityPolicy(req.headers.host));
    return payload;
  });
}

/** Serves the built web client at / with an index.html fallback for client-side routes; /api stays JSON 404. */
export async function installWebRoot(app: FastifyInstance, webRoot: string | undefined): Promise<boolean> {
  const root = webRoot ? resolve(webRoot) : undefined;
  const served = root !== undefined && existsSync(join(root, 'index.html'));
  if (served) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      index: ['index.html'],
      setHeaders(reply, path) {
        reply.header('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    // Client routes (no file extension) get index.html; a missing .js/.css stays a plain 404.
    const path = req.url.split('?')[0] ?? '';
    const wantsPage = (req.method === 'GET' || req.method === 'HEAD') && !isApi(req.url) && !/\.[A-Za-z0-9]+$/.test(path);
    if (served && wantsPage) return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    const message = !served && wantsPage ? 'The web client is not built. Run `npm run build:web`, then restart the server.' : 'Not found.';
    return reply.status(404).send(notFoundBody(message));
  });
  return served;
}
