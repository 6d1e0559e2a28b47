-- 0011_import_trace: the outcome import writes each row straight into
-- outcome (issue 7 §1, src/store/sqlite_bulk.c) instead of staging a full
-- copy of it in import_row first. import_row keeps only the trace of each
-- file line: the batch (import_batch: who, when, file name, SHA-256), the
-- line, the outcome it wrote and, for a correction, the outcome_history row
-- that holds the version it replaced (the before image). The after image is
-- the outcome row itself, or, once something changed it later, the next
-- outcome_history row of that outcome (history rows are before images, in
-- id order), so the columns that copied it are dropped here; the trace of
-- the batches already imported is kept. WITHOUT ROWID: a batch's lines
-- stay together in line order and are appended, one B-tree, no rowid.

CREATE TABLE import_row_trace (
	batch_id    BIGINT NOT NULL,
	line        INTEGER NOT NULL,
	outcome_id  BIGINT NOT NULL,
	history_id  BIGINT,
	PRIMARY KEY (batch_id, line)
) WITHOUT ROWID;
INSERT INTO import_row_trace (batch_id, line, outcome_id, history_id)
SELECT batch_id, line, outcome_id, history_id FROM import_row;
DROP TABLE import_row;
ALTER TABLE import_row_trace RENAME TO import_row;
