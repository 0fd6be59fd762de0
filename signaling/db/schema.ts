import type { Generated } from 'kysely';

/**
 * The tables as the server reads and writes them, the same on SQLite and PostgreSQL (migrations/
 * sqlite and migrations/postgres create them; tests/integration/schema-parity.test.ts checks both
 * agree). Times are epoch milliseconds; flags are 0/1 integers on both stores; JSON is text.
 */
export interface Schema {
  organisations: { id: string; name: string; kind: string };
  users: {
    id: string;
    username: string;
    display_name: string;
    role: string;
    professional_group: string;
    organisation_id: string;
    password_hash: string;
    active: Generated<number>;
    created_at: number;
  };
  sessions: { id: string; user_id: string; token_hash: string; created_at: number; expires_at: number; revoked_at: number | null };
  sign_in_throttle: { username: string; failures: number; last_failure_at: number; locked_until: number | null };
  lines: {
    id: string;
    name: string;
    specialty: string;
    provider_org_id: string;
    internal: number;
    hours_json: string;
    routing: string;
    ring_timeout_sec: number;
    max_wait_sec: number;
    answer_target_sec: number;
    advice_outcomes_json: string;
    patient_outcomes_json: string;
    topics_json: string;
    active: Generated<number>;
    created_at: number;
    updated_at: number;
  };
  line_callers: { line_id: string; org_id: string };
  line_specialists: { line_id: string; user_id: string; position: number };
  photos: {
    id: string;
    owner_id: string;
    call_id: string | null;
    mime: string;
    width: number;
    height: number;
    bytes: number;
    data: Buffer;
    created_at: number;
  };
  calls: {
    id: string;
    request_id: string;
    line_id: string;
    caller_id: string;
    specialist_id: string | null;
    state: string;
    urgency: string;
    question: string;
    age_band: string;
    care_setting: string;
    photo_id: string | null;
    topic: string | null;
    outcome_sets: string | null;
    created_at: number;
    first_ring_at: number | null;
    answered_at: number | null;
    ended_at: number | null;
    closed_at: number | null;
    end_reason: string | null;
    callback_requested_at: number | null;
  };
  call_events: { seq: Generated<number>; call_id: string; state: string; at: number; actor_id: string | null; detail: string | null };
  outcomes: {
    id: string;
    call_id: string;
    side: string;
    author_id: string;
    code: string;
    label: string;
    category: string;
    topic: string | null;
    note: string | null;
    entered_at: number;
    received_at: number;
  };
  audit_log: { seq: Generated<number>; at: number; actor_id: string | null; action: string; target: string | null; detail: string | null };
  presence: { user_id: string; status: string; session_id: string | null; changed_at: number };
  schema_migrations: { name: string; applied_at: number };
}
