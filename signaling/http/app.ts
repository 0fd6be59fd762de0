import fastifyMultipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.js';
import { PHOTO_MAX_BYTES } from '../protocol.js';
import { registerAuthRoutes, type AuthRouteDeps } from './auth-routes.js';
import { installCors } from './cors.js';
import { installErrorHandling } from './errors.js';
import { registerPhotoRoutes } from './photo-routes.js';
import { installSecurityHeaders, installWebRoot } from './web-root.js';
import type { PhotoStore } from '../photos/photo-store.js';

export interface HttpDeps extends AuthRouteDeps {
  log: Logger;
  photos: PhotoStore;
  corsOrigins: string[];
  webRoot: string | undefined;
}

/** The HTTP side: JSON API, photo upload/download, the built web client. */
export async function buildHttpApp(deps: HttpDeps): Promise<{ app: FastifyInstance; webServed: boolean }> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    trustProxy: false,
    // One line per request at debug instead of two at info: the console stays readable on a shift.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  installErrorHandling(app);
  installCors(app, deps.corsOrigins);
  installSecurityHeaders(app);
  await app.register(fastifyMultipart, { limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
  registerAuthRoutes(app, deps);
  registerPhotoRoutes(app, { sessions: deps.sessions, photos: deps.photos, audit: deps.audit });
  const webServed = await installWebRoot(app, deps.webRoot);
  return { app, webServed };
}
