-- The server keeps calls not yet finished in memory (calls/store.ts) and answers a line's waiting
-- calls, a user's live call and a specialist's activity from there. The four indexes on `state`
-- served those lookups; every state change of every call rewrote an entry in each of them. One
-- partial index of the live calls is left: the server reads them at start (and after a rollback),
-- and a switched-off line is asked whether it still has calls waiting. History, reports and
-- expected waits use the indexes by line, party and time, which stay.
DROP INDEX calls_state;
DROP INDEX calls_line_state;
DROP INDEX calls_specialist_state;
DROP INDEX calls_caller_state;
CREATE INDEX calls_live ON calls(line_id, state) WHERE state IN ('queued', 'ringing', 'connected', 'wrap_up');
