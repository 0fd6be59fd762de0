import type { FastifyRequest } from 'fastify';
import type { SessionInfo, Sessions } from '../auth/sessions.js';
import { Failure } from '../errors.js';

/** The session behind `Authorization: Bearer <token>`, or an `unauthorized` Failure. */
export async function requireSession(req: FastifyRequest, sessions: Sessions): Promise<SessionInfo> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_\-.~+/=]{16,256})$/.exec(header);
  const session = match ? await sessions.verify(match[1]!) : null;
  if (!session) throw new Failure('unauthorized', 'Sign in first (missing, expired or revoked session token).');
  return session;
}
