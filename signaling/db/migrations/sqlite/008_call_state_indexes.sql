-- Calls are read from the database on every event (no copy of the live calls in memory). Each
-- lookup of calls by state has a partial index holding only the calls in those states, so the
-- indexes stay small however long the history grows, and a finished call leaves them. SQLite uses
-- a partial index only for a query that repeats its condition word for word: the queries in
-- calls/store.ts and directory/lines.ts do.
--   a line's waiting calls (routing, queue lists)          → calls_waiting
--   a specialist's connected or wrap-up call (availability) → calls_specialist_busy
--   a caller's live call (reconnect, one call at a time)    → calls_caller_live
-- Migration 007's calls_live served an in-memory copy that is gone.
DROP INDEX IF EXISTS calls_live;
CREATE INDEX calls_waiting ON calls(line_id) WHERE state IN ('queued', 'ringing');
CREATE INDEX calls_specialist_busy ON calls(specialist_id) WHERE state IN ('connected', 'wrap_up');
CREATE INDEX calls_caller_live ON calls(caller_id) WHERE state IN ('queued', 'ringing', 'connected', 'wrap_up');
