-- PostgreSQL mirror of ../0011_import_trace.sql: import_row keeps only the
-- trace of each imported line (batch, line, outcome, history row of the
-- before image); the columns that copied the outcome as written are
-- dropped (the after image is the outcome row, or the next history row of
-- that outcome once something changed it later).

ALTER TABLE import_row
	DROP COLUMN indicator_id,
	DROP COLUMN period_id,
	DROP COLUMN gender,
	DROP COLUMN org_unit_id,
	DROP COLUMN text,
	DROP COLUMN cmp,
	DROP COLUMN value,
	DROP COLUMN unit,
	DROP COLUMN base_year,
	DROP COLUMN qual,
	DROP COLUMN comment,
	DROP COLUMN status,
	DROP COLUMN entered_by,
	DROP COLUMN entered_at,
	DROP COLUMN computed_status,
	DROP COLUMN override_reason;
