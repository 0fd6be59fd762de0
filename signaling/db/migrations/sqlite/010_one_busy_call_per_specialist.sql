-- A specialist is in or wrapping up at most one call. The server checks it before an accept, but
-- two accepts of different calls by the same specialist can now run at once (on one process
-- between awaits, or on two processes): the store itself refuses the second.
DROP INDEX calls_specialist_busy;
CREATE UNIQUE INDEX calls_specialist_busy ON calls(specialist_id) WHERE state IN ('connected', 'wrap_up');
