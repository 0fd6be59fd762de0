import type { Data } from './db/data.js';

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

/** Append-only audit log (the table refuses UPDATE and DELETE). Joins the caller's transaction when there is one. */
export class AuditLog {
  constructor(private readonly data: Data) {}

  async write(action: AuditAction, actorId: string | null, target: string | null, detail?: Record<string, unknown>): Promise<void> {
    await this.data
      .q()
      .insertInto('audit_log')
      .values({ at: Date.now(), actor_id: actorId, action, target, detail: detail ? JSON.stringify(detail) : null })
      .execute();
  }
}
