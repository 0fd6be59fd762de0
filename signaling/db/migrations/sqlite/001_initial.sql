-- OnCall initial schema. Times are epoch milliseconds (UTC). JSON columns hold zod-validated protocol shapes.

CREATE TABLE organisations (
  id    TEXT PRIMARY KEY,
  name  TEXT NOT NULL,
  kind  TEXT NOT NULL
);

CREATE TABLE users (
  id                 TEXT PRIMARY KEY,
  username           TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name       TEXT NOT NULL,
  role               TEXT NOT NULL CHECK (role IN ('specialist', 'caller', 'admin')),
  professional_group TEXT NOT NULL,
  organisation_id    TEXT NOT NULL REFERENCES organisations(id),
  password_hash      TEXT NOT NULL,          -- scrypt$N$r$p$salt$hash (base64)
  active             INTEGER NOT NULL DEFAULT 1,
  created_at         INTEGER NOT NULL
);

CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id),
  token_hash  TEXT NOT NULL UNIQUE,         -- sha256 of the opaque token; the token itself is never stored
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE sign_in_throttle (
  username        TEXT PRIMARY KEY COLLATE NOCASE,
  failures        INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  locked_until    INTEGER
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
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);

CREATE TABLE line_callers (
  line_id TEXT NOT NULL REFERENCES lines(id),
  org_id  TEXT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (line_id, org_id)
);

CREATE TABLE line_specialists (
  line_id  TEXT NOT NULL REFERENCES lines(id),
  user_id  TEXT NOT NULL REFERENCES users(id),
  position INTEGER NOT NULL,                -- rota order
  PRIMARY KEY (line_id, user_id)
);
CREATE INDEX line_specialists_user ON line_specialists(user_id);

CREATE TABLE photos (
  id         TEXT PRIMARY KEY,
  owner_id   TEXT NOT NULL REFERENCES users(id),
  call_id    TEXT REFERENCES calls(id),
  mime       TEXT NOT NULL,                 -- always image/jpeg after re-encoding (metadata stripped)
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  bytes      INTEGER NOT NULL,
  data       BLOB NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE calls (
  id                    TEXT PRIMARY KEY,
  request_id            TEXT NOT NULL,      -- caller's idempotency key
  line_id               TEXT NOT NULL REFERENCES lines(id),
  caller_id             TEXT NOT NULL REFERENCES users(id),
  specialist_id         TEXT REFERENCES users(id),
  state                 TEXT NOT NULL,
  urgency               TEXT NOT NULL,
  question              TEXT NOT NULL,
  age_band              TEXT NOT NULL,
  care_setting          TEXT NOT NULL,
  photo_id              TEXT REFERENCES photos(id),
  topic                 TEXT,               -- copied from the advice outcome for reports
  created_at            INTEGER NOT NULL,   -- query placed
  first_ring_at         INTEGER,
  answered_at           INTEGER,
  ended_at              INTEGER,            -- hung up / abandoned / unanswered / failed
  closed_at             INTEGER,            -- advice outcome recorded
  end_reason            TEXT,
  callback_requested_at INTEGER,
  UNIQUE (caller_id, request_id)
);
CREATE INDEX calls_line_created ON calls(line_id, created_at);
CREATE INDEX calls_state ON calls(state);
CREATE INDEX calls_specialist ON calls(specialist_id, created_at);
CREATE INDEX calls_caller ON calls(caller_id, created_at);

-- Every call state transition with its time.
CREATE TABLE call_events (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  call_id  TEXT NOT NULL REFERENCES calls(id),
  state    TEXT NOT NULL,
  at       INTEGER NOT NULL,
  actor_id TEXT,
  detail   TEXT
);
CREATE INDEX call_events_call ON call_events(call_id, seq);

CREATE TABLE outcomes (
  id          TEXT PRIMARY KEY,             -- client-made UUID: the idempotency key
  call_id     TEXT NOT NULL REFERENCES calls(id),
  side        TEXT NOT NULL CHECK (side IN ('advice', 'patient')),
  author_id   TEXT NOT NULL REFERENCES users(id),
  code        TEXT NOT NULL,
  label       TEXT NOT NULL,
  category    TEXT NOT NULL,
  topic       TEXT,
  note        TEXT,
  entered_at  INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (call_id, side)
);

-- Append-only: sign-ins, accepts, outcome writes, admin changes.
CREATE TABLE audit_log (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  at       INTEGER NOT NULL,
  actor_id TEXT,
  action   TEXT NOT NULL,
  target   TEXT,
  detail   TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
