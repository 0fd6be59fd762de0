import type { AuditLog } from '../audit.js';
import type { Db } from '../db/database.js';
import { Failure } from '../errors.js';
import type { SignInInput, SignInResponse } from '../protocol.js';
import type { Users } from '../users.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import type { Sessions } from './sessions.js';

/** After this many failures in a row the username is locked for LOCK_MS. */
export const MAX_FAILURES = 5;
export const LOCK_MS = 5 * 60 * 1000;
/** Failures older than this no longer count. */
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

interface ThrottleRow {
  failures: number;
  last_failure_at: number;
  locked_until: number | null;
}

export class SignIn {
  private readonly getThrottle;
  private readonly putThrottle;
  private readonly clearThrottle;

  constructor(
    db: Db,
    private readonly users: Users,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {
    this.getThrottle = db.prepare('SELECT failures, last_failure_at, locked_until FROM sign_in_throttle WHERE username = ?');
    this.putThrottle = db.prepare(
      `INSERT INTO sign_in_throttle (username, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
    );
    this.clearThrottle = db.prepare('DELETE FROM sign_in_throttle WHERE username = ?');
  }

  async signIn(input: SignInInput, meta: { ip?: string } = {}): Promise<SignInResponse> {
    const username = input.username.toLowerCase();
    this.refuseIfLocked(username, meta);
    const user = this.users.credentialsByUsername(username);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
    // Read the throttle again after the slow hash: attempts made in parallel must each count, and a
    // lock set by one of them meanwhile holds for the rest (even one with the right password).
    const throttle = this.refuseIfLocked(username, meta);
    const now = Date.now();
    if (!user || !ok || !user.active) {
      const recent = throttle && now - throttle.last_failure_at < FAILURE_WINDOW_MS ? throttle.failures : 0;
      const failures = recent + 1;
      const lockedUntil = failures >= MAX_FAILURES ? now + LOCK_MS : null;
      this.putThrottle.run(username, lockedUntil ? 0 : failures, now, lockedUntil);
      this.audit.write('auth.signin_failed', user?.id ?? null, username, { ip: meta.ip, failures });
      if (lockedUntil) {
        throw new Failure('locked', `Too many failed sign-ins for this account. Try again in ${LOCK_MS / 60_000} minutes.`);
      }
      throw new Failure('unauthorized', 'Wrong username or password.');
    }
    if (throttle) this.clearThrottle.run(username);
    const { token, session } = this.sessions.create(user.id, now);
    this.audit.write('auth.signin', user.id, session.sessionId, { ip: meta.ip });
    return { token, expiresAt: session.expiresAt, user: this.users.publicById(user.id)! };
  }

  /** The username's throttle row; a `locked` Failure (audited) while it is locked. */
  private refuseIfLocked(username: string, meta: { ip?: string }): ThrottleRow | undefined {
    const now = Date.now();
    const throttle = this.getThrottle.get(username) as ThrottleRow | undefined;
    if (throttle?.locked_until && throttle.locked_until > now) {
      this.audit.write('auth.signin_locked', null, username, { ip: meta.ip });
      const minutes = Math.ceil((throttle.locked_until - now) / 60_000);
      throw new Failure('locked', `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
    return throttle;
  }
}
