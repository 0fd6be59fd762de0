import type { AuditLog } from '../audit.js';
import type { Data } from '../db/data.js';
import { Failure } from '../errors.js';
import type { SignInInput, SignInResponse } from '../protocol.js';
import type { Users } from '../users.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import type { SessionInfo, Sessions } from './sessions.js';

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

/** Usernames are kept lower-cased in sign_in_throttle (SQLite's column is NOCASE, PostgreSQL's plain TEXT). */
export class SignIn {
  constructor(
    private readonly data: Data,
    private readonly users: Users,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {}

  async signIn(input: SignInInput, meta: { ip?: string } = {}): Promise<SignInResponse> {
    const username = input.username.toLowerCase();
    const early = await this.refuseIfLocked(username, meta);
    if (early.locked) throw early.locked;
    const user = await this.users.credentialsByUsername(username);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
    // Read the throttle again after the slow hash: attempts made in parallel must each count, and a
    // lock set by one of them meanwhile holds for the rest (even one with the right password). One
    // transaction holding the username's throttle row does that: parallel attempts take turns here.
    // A refusal is returned, not thrown, so its audit entry and throttle write are committed.
    const result = await this.data.transaction(async (): Promise<Failure | { token: string; session: SessionInfo }> => {
      await this.holdThrottle(username);
      const { throttle, locked } = await this.refuseIfLocked(username, meta);
      if (locked) return locked;
      const now = Date.now();
      if (!user || !ok || !user.active) {
        const recent = throttle && now - throttle.last_failure_at < FAILURE_WINDOW_MS ? throttle.failures : 0;
        const failures = recent + 1;
        const lockedUntil = failures >= MAX_FAILURES ? now + LOCK_MS : null;
        await this.putThrottle(username, { failures: lockedUntil ? 0 : failures, last_failure_at: now, locked_until: lockedUntil });
        await this.audit.write('auth.signin_failed', user?.id ?? null, username, { ip: meta.ip, failures });
        if (lockedUntil) {
          return new Failure('locked', `Too many failed sign-ins for this account. Try again in ${LOCK_MS / 60_000} minutes.`);
        }
        return new Failure('unauthorized', 'Wrong username or password.');
      }
      await this.data.q().deleteFrom('sign_in_throttle').where('username', '=', username).execute();
      const created = await this.sessions.create(user.id, now);
      await this.audit.write('auth.signin', user.id, created.session.sessionId, { ip: meta.ip });
      return created;
    });
    if (result instanceof Failure) throw result;
    const { token, session } = result;
    return { token, expiresAt: session.expiresAt, user: (await this.users.publicById(session.userId))! };
  }

  /**
   * Makes sure the username has a throttle row and locks it until the transaction ends. A new row
   * (no failures, none recent, no lock) counts as no row; a successful sign-in deletes it.
   */
  private async holdThrottle(username: string): Promise<void> {
    await this.data
      .q()
      .insertInto('sign_in_throttle')
      .values({ username, failures: 0, last_failure_at: 0, locked_until: null })
      .onConflict((oc) => oc.column('username').doUpdateSet((eb) => ({ username: eb.ref('excluded.username') })))
      .execute();
  }

  /** The row exists: holdThrottle made it in this transaction. */
  private async putThrottle(username: string, row: ThrottleRow): Promise<void> {
    await this.data.q().updateTable('sign_in_throttle').set(row).where('username', '=', username).execute();
  }

  /** The username's throttle row; while it is locked, also the `locked` Failure to throw (audited). */
  private async refuseIfLocked(username: string, meta: { ip?: string }): Promise<{ throttle?: ThrottleRow; locked?: Failure }> {
    const now = Date.now();
    const throttle = await this.data
      .q()
      .selectFrom('sign_in_throttle')
      .select(['failures', 'last_failure_at', 'locked_until'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (throttle?.locked_until && throttle.locked_until > now) {
      await this.audit.write('auth.signin_locked', null, username, { ip: meta.ip });
      const minutes = Math.ceil((throttle.locked_until - now) / 60_000);
      return { throttle, locked: new Failure('locked', `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`) };
    }
    return { throttle };
  }
}
