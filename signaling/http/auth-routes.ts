import type { FastifyInstance } from 'fastify';
import type { Sessions } from '../auth/sessions.js';
import type { SignIn } from '../auth/signin.js';
import type { AuditLog } from '../audit.js';
import { Failure, zodIssues } from '../errors.js';
import { API, SignInInput } from '../protocol.js';
import type { Users } from '../users.js';
import { requireSession } from './bearer.js';

export interface AuthRouteDeps {
  signIn: SignIn;
  sessions: Sessions;
  users: Users;
  audit: AuditLog;
  /** Ends the session's sockets and presence. */
  onSignOut(userId: string, sessionId: string): void | Promise<void>;
  /** Whether this process runs the call engine (a cluster's lease holder; the embedded server always). */
  runsEngine(): boolean;
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  app.get(API.health, async () => ({ ok: true, engine: deps.runsEngine() }));

  app.post(API.signIn, async (req) => {
    const parsed = SignInInput.safeParse(req.body);
    if (!parsed.success) throw new Failure('bad_request', 'Enter a username and a password.', zodIssues(parsed.error.issues));
    return deps.signIn.signIn(parsed.data, { ip: req.ip });
  });

  app.post(API.signOut, async (req, reply) => {
    const session = await requireSession(req, deps.sessions);
    await deps.sessions.revoke(session.sessionId);
    await deps.audit.write('auth.signout', session.userId, session.sessionId);
    await deps.onSignOut(session.userId, session.sessionId);
    return reply.status(204).send();
  });

  app.get(API.me, async (req) => {
    const session = await requireSession(req, deps.sessions);
    const user = await deps.users.publicById(session.userId);
    if (!user) throw new Failure('unauthorized', 'Your account no longer exists.');
    return user;
  });
}
