-- A counter every change to who someone is bumps, whichever code path or connection makes it: a
-- user's name, role, group, organisation or active flag, an organisation's name, a session revoked
-- or removed. The server keeps users (users.ts) and live sessions (auth/sessions.ts) in memory only
-- while this counter has not moved: every call event reads a party's name and checks the sender's
-- session. Inserts bump it too: INSERT OR REPLACE deletes the old row without firing a DELETE
-- trigger, so a replaced user or session would otherwise stay in memory as it was.
CREATE TABLE identity_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO identity_version (id, n) VALUES (1, 0);

CREATE TRIGGER users_ins_identity AFTER INSERT ON users BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER users_upd_identity AFTER UPDATE OF username, display_name, role, professional_group, organisation_id, active ON users
  BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER users_del_identity AFTER DELETE ON users BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER organisations_del_identity AFTER DELETE ON organisations BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER organisations_upd_identity AFTER UPDATE OF name ON organisations BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER sessions_ins_identity AFTER INSERT ON sessions BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER sessions_upd_identity AFTER UPDATE OF user_id, expires_at, revoked_at ON sessions BEGIN UPDATE identity_version SET n = n + 1; END;
CREATE TRIGGER sessions_del_identity AFTER DELETE ON sessions BEGIN UPDATE identity_version SET n = n + 1; END;
