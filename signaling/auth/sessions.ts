import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Data } from '../db/data.js';

export interface SessionInfo {
  sessionId: string;
  userId: string;
  expiresAt: number;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opaque random session tokens; only their sha256 is stored. Every client event checks its session. */
export class Sessions {
  constructor(
    private readonly data: Data,
    private readonly ttlMs: number,
  ) {}

  async create(userId: string, now = Date.now()): Promise<{ token: string; session: SessionInfo }> {
    const token = randomBytes(32).toString('base64url');
    const session = { sessionId: randomUUID(), userId, expiresAt: now + this.ttlMs };
    await this.data
      .q()
      .insertInto('sessions')
      .values({ id: session.sessionId, user_id: userId, token_hash: sha256(token), created_at: now, expires_at: session.expiresAt })
      .execute();
    return { token, session };
  }

  /** The live session for a token, or null (unknown, expired, revoked, or user deactivated). */
  async verify(token: string, now = Date.now()): Promise<SessionInfo | null> {
    const row = await this.data
      .q()
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id as sessionId', 's.user_id as userId', 's.expires_at as expiresAt'])
      .where('s.token_hash', '=', sha256(token))
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', now)
      .where('u.active', '=', 1)
      .executeTakeFirst();
    return row ?? null;
  }

  async isActive(sessionId: string, now = Date.now()): Promise<boolean> {
    const row = await this.data
      .q()
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select('s.expires_at')
      .where('s.id', '=', sessionId)
      .where('s.revoked_at', 'is', null)
      .where('u.active', '=', 1)
      .executeTakeFirst();
    return row !== undefined && row.expires_at > now;
  }

  /** Synced to disk: a power cut must not bring a signed-out session back. */
  async revoke(sessionId: string, now = Date.now()): Promise<void> {
    await this.data.durableTransaction(async () => {
      await this.data.q().updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
    });
  }
}
