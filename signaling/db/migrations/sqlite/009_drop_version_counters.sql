-- Lines, users and sessions are read from the database on every lookup: the counters that told
-- the server's in-memory copies when to read again (migrations 005 and 006) are no longer used.
DROP TRIGGER lines_ins_version;
DROP TRIGGER lines_upd_version;
DROP TRIGGER lines_del_version;
DROP TRIGGER line_callers_ins_version;
DROP TRIGGER line_callers_upd_version;
DROP TRIGGER line_callers_del_version;
DROP TRIGGER line_specialists_ins_version;
DROP TRIGGER line_specialists_upd_version;
DROP TRIGGER line_specialists_del_version;
DROP TRIGGER organisations_upd_version;
DROP TABLE config_version;
DROP TRIGGER users_ins_identity;
DROP TRIGGER users_upd_identity;
DROP TRIGGER users_del_identity;
DROP TRIGGER organisations_del_identity;
DROP TRIGGER organisations_upd_identity;
DROP TRIGGER sessions_ins_identity;
DROP TRIGGER sessions_upd_identity;
DROP TRIGGER sessions_del_identity;
DROP TABLE identity_version;
