-- OnCall on PostgreSQL: the same tables as migrations/sqlite/001–009 leave on SQLite (the
-- schema-parity test compares them). Times are epoch milliseconds (BIGINT, read back as numbers),
-- flags 0/1 integers and JSON text, as on SQLite, so the server's queries are the same on both.

CREATE TABLE organisations (
  id    TEXT PRIMARY KEY,
  name  TEXT NOT NULL,
  kind  TEXT NOT NULL
);

CREATE TABLE users (
  id                 TEXT PRIMARY KEY,
  username           TEXT NOT NULL,
  display_name       TEXT NOT NULL,
  role               TEXT NOT NULL CHECK (role IN ('specialist', 'caller', 'admin')),
  professional_group TEXT NOT NULL,
  organisation_id    TEXT NOT NULL REFERENCES organisations(id),
  password_hash      TEXT NOT NULL,
  active             INTEGER NOT NULL DEFAULT 1,
  created_at         BIGINT NOT NULL
);
-- SQLite's column is COLLATE NOCASE: usernames are unique whatever their case.
CREATE UNIQUE INDEX users_username_nocase ON users (lower(username));

CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id),
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  revoked_at  BIGINT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- The server stores usernames here lower-cased (SQLite's is COLLATE NOCASE).
CREATE TABLE sign_in_throttle (
  username        TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  last_failure_at BIGINT NOT NULL,
  locked_until    BIGINT
);

CREATE TABLE lines (
  id                    TEXT PRIMARY KEY,
  name                  TEXT NOT NULL,
  specialty             TEXT NOT NULL,
  provider_org_id       TEXT NOT NULL REFERENCES organisations(id),
  internal              INTEGER NOT NULL,
  hours_json            TEXT NOT NULL,
  routing               TEXT NOT NULL CHECK (routing IN ('ring_all', 'longest_idle', 'rota_order')),
  ring_timeout_sec      INTEGER NOT NULL,
  max_wait_sec          INTEGER NOT NULL,
  answer_target_sec     INTEGER NOT NULL,
  advice_outcomes_json  TEXT NOT NULL,
  patient_outcomes_json TEXT NOT NULL,
  topics_json           TEXT NOT NULL,
  active                INTEGER NOT NULL DEFAULT 1,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL
);

CREATE TABLE line_callers (
  line_id TEXT NOT NULL REFERENCES lines(id),
  org_id  TEXT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (line_id, org_id)
);

CREATE TABLE line_specialists (
  line_id  TEXT NOT NULL REFERENCES lines(id),
  user_id  TEXT NOT NULL REFERENCES users(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (line_id, user_id)
);
CREATE INDEX line_specialists_user ON line_specialists(user_id);

CREATE TABLE calls (
  id                    TEXT PRIMARY KEY,
  -- Insertion order (SQLite's rowid): the queue's order.
  seq                   BIGSERIAL NOT NULL UNIQUE,
  request_id            TEXT NOT NULL,
  line_id               TEXT NOT NULL REFERENCES lines(id),
  caller_id             TEXT NOT NULL REFERENCES users(id),
  specialist_id         TEXT REFERENCES users(id),
  state                 TEXT NOT NULL,
  urgency               TEXT NOT NULL,
  question              TEXT NOT NULL,
  age_band              TEXT NOT NULL,
  care_setting          TEXT NOT NULL,
  photo_id              TEXT,
  topic                 TEXT,
  outcome_sets          TEXT,
  created_at            BIGINT NOT NULL,
  first_ring_at         BIGINT,
  answered_at           BIGINT,
  ended_at              BIGINT,
  closed_at             BIGINT,
  end_reason            TEXT,
  callback_requested_at BIGINT,
  UNIQUE (caller_id, request_id)
);
CREATE INDEX calls_line_created ON calls(line_id, created_at);
CREATE INDEX calls_specialist ON calls(specialist_id, created_at);
CREATE INDEX calls_caller ON calls(caller_id, created_at);
CREATE INDEX calls_line_answered ON calls(line_id, answered_at);
CREATE INDEX calls_waiting ON calls(line_id) WHERE state IN ('queued', 'ringing');
-- One connected or wrap-up call per specialist (SQLite migration 010).
CREATE UNIQUE INDEX calls_specialist_busy ON calls(specialist_id) WHERE state IN ('connected', 'wrap_up');
CREATE INDEX calls_caller_live ON calls(caller_id) WHERE state IN ('queued', 'ringing', 'connected', 'wrap_up');

CREATE TABLE photos (
  id         TEXT PRIMARY KEY,
  owner_id   TEXT NOT NULL REFERENCES users(id),
  call_id    TEXT REFERENCES calls(id),
  mime       TEXT NOT NULL,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  bytes      INTEGER NOT NULL,
  data       BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);
ALTER TABLE calls ADD CONSTRAINT calls_photo FOREIGN KEY (photo_id) REFERENCES photos(id);

CREATE TABLE call_events (
  seq      BIGSERIAL PRIMARY KEY,
  call_id  TEXT NOT NULL REFERENCES calls(id),
  state    TEXT NOT NULL,
  at       BIGINT NOT NULL,
  actor_id TEXT,
  detail   TEXT
);
CREATE INDEX call_events_call ON call_events(call_id, seq);

CREATE TABLE outcomes (
  id          TEXT PRIMARY KEY,
  call_id     TEXT NOT NULL REFERENCES calls(id),
  side        TEXT NOT NULL CHECK (side IN ('advice', 'patient')),
  author_id   TEXT NOT NULL REFERENCES users(id),
  code        TEXT NOT NULL,
  label       TEXT NOT NULL,
  category    TEXT NOT NULL,
  topic       TEXT,
  note        TEXT,
  entered_at  BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  UNIQUE (call_id, side)
);

CREATE TABLE audit_log (
  seq      BIGSERIAL PRIMARY KEY,
  at       BIGINT NOT NULL,
  actor_id TEXT,
  action   TEXT NOT NULL,
  target   TEXT,
  detail   TEXT
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE presence (
  user_id    TEXT PRIMARY KEY REFERENCES users(id),
  status     TEXT NOT NULL CHECK (status IN ('available', 'away')),
  session_id TEXT,
  changed_at BIGINT NOT NULL
);
