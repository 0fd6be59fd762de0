-- Calls are read from the database on every event (no copy of the live calls in memory), so each
-- lookup by state has a plain index: a line's waiting calls (routing, queue lists), a
-- specialist's connected or wrap-up call (availability), a party's live call (reconnect), and
-- the live calls at start (restart recovery). These replace migration 007's partial index, which
-- SQLite could use only when a query repeated its condition word for word.
DROP INDEX IF EXISTS calls_live;
CREATE INDEX IF NOT EXISTS calls_state ON calls(state);
CREATE INDEX calls_line_state ON calls(line_id, state);
CREATE INDEX calls_specialist_state ON calls(specialist_id, state);
CREATE INDEX calls_caller_state ON calls(caller_id, state);
