import type { Db } from './db/database.js';

export type AuditAction =
  | 'auth.signin'
  | 'auth.signin_failed'
  | 'auth.signin_locked'
  | 'auth.signout'
  | 'call.accept'
  | 'outcome.advice'
  | 'outcome.patient'
  | 'outcome.rejected'
  | 'photo.upload'
  | `admin.${string}`; // admin changes (signaling/admin/)

/** Append-only audit log (the table refuses UPDATE and DELETE). */
export class AuditLog {
  private readonly insert;
  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO audit_log (at, actor_id, action, target, detail) VALUES (?, ?, ?, ?, ?)');
  }

  write(action: AuditAction, actorId: string | null, target: string | null, detail?: Record<string, unknown>): void {
    this.insert.run(Date.now(), actorId, action, target, detail ? JSON.stringify(detail) : null);
  }
}
