import type { FastifyInstance } from 'fastify';
import { Failure } from '../errors.js';
import { originAllowed } from '../realtime/origins.js';

/** CORS for the HTTP API: allowed origins get the headers and their preflights; others are refused. */
export function installCors(app: FastifyInstance, extraOrigins: readonly string[]): void {
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origin) return;
    if (!originAllowed(origin, req.headers.host, extraOrigins)) throw new Failure('forbidden', `Origin ${origin} is not allowed.`);
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      reply.header('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, OPTIONS'); // PUT, PATCH: admin edits
      reply.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      reply.header('Access-Control-Max-Age', '600');
      return reply.status(204).send();
    }
  });
}
