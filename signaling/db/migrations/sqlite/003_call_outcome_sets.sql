-- The outcome codes and topics a call is recorded against, fixed when the call is placed, so that an
-- admin editing the line's lists never turns an outcome already waiting in a client's outbox into
-- one the server refuses. NULL for calls placed before this migration: they use the line's lists.
ALTER TABLE calls ADD COLUMN outcome_sets TEXT;
