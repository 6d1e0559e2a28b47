-- PostgreSQL mirror of ../0010_row_version.sql, the same statements:
-- optimistic concurrency (issue 8 §1). Every row that an
-- officer edits in a form or over the API carries a row version that starts
-- at 1 and goes up by one with every UPDATE (src/store/sqlite_put.c, and the
-- outcome import's UPDATE in sqlite_bulk.c). A writer that says which
-- version it started from (the API's "version" / If-Match, the web forms'
-- hidden field) updates only if the row is still at that version; otherwise
-- the store answers RT_ECONFLICT and changes nothing, so two officers editing
-- the same goal get a conflict message instead of a lost update.
-- `plan.version` is the plan document's decided version (ändringsförteckning),
-- hence the name row_version. The version is not part of `rodtrad dump`: it
-- is a token of one live database, not content (docs/dump-json.md).
-- ADD COLUMN with a constant default is a schema-only change in SQLite and
-- PostgreSQL (no table rewrite); the same statements run on both.

ALTER TABLE plan ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE goal ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE indicator ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE target ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE activity ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outcome ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE assessment ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE activity_status ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
