import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { durableTransaction, type Db } from '../db/database.js';

export interface SessionInfo {
  sessionId: string;
  userId: string;
  expiresAt: number;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opaque random session tokens; only their sha256 is stored. Every client event checks its session. */
export class Sessions {
  private readonly insert;
  private readonly byHash;
  private readonly byId;
  private readonly revokeStmt;

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
  ) {
    this.insert = db.prepare('INSERT INTO sessions (id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.byHash = db.prepare(
      `SELECT s.id AS sessionId, s.user_id AS userId, s.expires_at AS expiresAt FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.active = 1`,
    );
    this.byId = db
      .prepare(`SELECT s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.revoked_at IS NULL AND u.active = 1`)
      .pluck();
    this.revokeStmt = db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  create(userId: string, now = Date.now()): { token: string; session: SessionInfo } {
    const token = randomBytes(32).toString('base64url');
    const session = { sessionId: randomUUID(), userId, expiresAt: now + this.ttlMs };
    this.insert.run(session.sessionId, userId, sha256(token), now, session.expiresAt);
    return { token, session };
  }

  /** The live session for a token, or null (unknown, expired, revoked, or user deactivated). */
  verify(token: string, now = Date.now()): SessionInfo | null {
    return (this.byHash.get(sha256(token), now) as SessionInfo | undefined) ?? null;
  }

  isActive(sessionId: string, now = Date.now()): boolean {
    const expiresAt = this.byId.get(sessionId) as number | undefined;
    return expiresAt !== undefined && expiresAt > now;
  }

  /** Synced to disk: a power cut must not bring a signed-out session back. */
  revoke(sessionId: string, now = Date.now()): void {
    durableTransaction(this.db, () => this.revokeStmt.run(now, sessionId));
  }
}
