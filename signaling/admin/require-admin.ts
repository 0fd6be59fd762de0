import type { FastifyRequest } from 'fastify';
import type { SessionInfo, Sessions } from '../auth/sessions.js';
import { Failure, zodIssues } from '../errors.js';
import { requireSession } from '../http/bearer.js';
import type { Users } from '../users.js';

/** 401 without a live session, 403 for anyone but an admin. The role is read fresh on every request. */
export async function requireAdmin(req: FastifyRequest, deps: { sessions: Sessions; users: Users }): Promise<SessionInfo> {
  const session = await requireSession(req, deps.sessions);
  if ((await deps.users.publicById(session.userId))?.role !== 'admin') {
    throw new Failure('forbidden', 'Only administrators can use reports and administration.');
  }
  return session;
}

/** Parses with a protocol schema; bad input → 400 bad_request listing every issue. */
export function parseOr400<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } },
  value: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Failure('bad_request', `Invalid ${what}.`, zodIssues(parsed.error.issues));
  return parsed.data;
}
