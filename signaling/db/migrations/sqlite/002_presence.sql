-- A specialist's chosen presence (available / away), so a server restart does not silently take
-- everyone off call: a reconnect with the same session restores it. A new sign-in starts `away`.
CREATE TABLE presence (
  user_id    TEXT PRIMARY KEY REFERENCES users(id),
  status     TEXT NOT NULL CHECK (status IN ('available', 'away')),
  session_id TEXT,
  changed_at INTEGER NOT NULL
);
