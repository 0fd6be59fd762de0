-- A counter every change to line configuration bumps, whichever code path or connection makes it
-- (admin routes, seed helpers, a test's second connection). The server keeps lines in memory
-- (directory/lines.ts) and re-reads them only when this counter moved: one point read per lookup
-- instead of re-reading and re-parsing the line's JSON columns on every call event.
CREATE TABLE config_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n  INTEGER NOT NULL
);
INSERT INTO config_version (id, n) VALUES (1, 0);

CREATE TRIGGER lines_ins_version AFTER INSERT ON lines BEGIN UPDATE config_version SET n = n + 1; END;
CREATE TRIGGER lines_upd_version AFTER UPDATE ON lines BEGIN UPDATE config_version SET n = n + 1; END;
CREATE TRIGGER lines_del_version AFTER DELETE ON lines BEGIN UPDATE config_version SET n = n + 1; END;
CREATE TRIGGER line_callers_ins_version AFTER INSERT ON line_callers BEGIN UPDATE config_version SET n = n + 1; END;
CREATE TRIGGER line_callers_upd_version AFTER UPDATE ON line_callers BEGIN UPDATE config_version SET n = n + 1; END;
CREATE TRIGGER line_callers_del_version AFTER DELETE ON line_callers BEGIN UPDATE config_version SET n = n + 1; END;
CREATE TRIGGER line_specialists_ins_version AFTER INSERT ON line_specialists BEGIN UPDATE config_version SET n = n + 1; END;
CREATE TRIGGER line_specialists_upd_version AFTER UPDATE ON line_specialists BEGIN UPDATE config_version SET n = n + 1; END;
CREATE TRIGGER line_specialists_del_version AFTER DELETE ON line_specialists BEGIN UPDATE config_version SET n = n + 1; END;
-- A line shows its provider organisation's name.
CREATE TRIGGER organisations_upd_version AFTER UPDATE OF name ON organisations BEGIN UPDATE config_version SET n = n + 1; END;
