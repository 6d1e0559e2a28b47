-- 0002_followup: the follow-up cycle (issue 3) on top of 0001.
--
-- * outcome.computed_status is what the status rule (src/core/status.c)
--   gave; outcome.status stays "the status shown". When a person chose
--   another status than the rule, override_reason holds the mandatory
--   justification (the core refuses an override without one). Rows from
--   before this migration and imported rows were never computed: 'none'.
-- * outcome_history keeps every earlier version of an outcome: the store
--   writes the row as it was, in the same transaction as the update and its
--   audit row, so a correction never hides the old value.
-- * indicator.tolerance: the width of the "partly" band in percent for this
--   indicator; NULL means the region-wide default.
-- * activity_status: an activity's state per follow-up period.
-- Same portability notes as 0001 (INTEGER PRIMARY KEY → identity column on
-- PostgreSQL; ADD COLUMN with a constant default works in both).

ALTER TABLE outcome ADD COLUMN computed_status TEXT NOT NULL DEFAULT 'none'
	CHECK (computed_status IN ('none', 'achieved', 'partly', 'not_achieved'));
ALTER TABLE outcome ADD COLUMN override_reason TEXT;

ALTER TABLE indicator ADD COLUMN tolerance DOUBLE PRECISION CHECK (tolerance >= 0);

-- The previous image of an outcome, one row per update. No foreign key to
-- the indicator or period: only the outcome it belongs to.
CREATE TABLE outcome_history (
	id              INTEGER PRIMARY KEY,
	outcome_id      BIGINT NOT NULL REFERENCES outcome (id) ON DELETE RESTRICT,
	text            TEXT,
	cmp             TEXT NOT NULL CHECK (cmp IN ('reach', 'lt', 'le', 'gt', 'ge', 'eq',
	                                             'maintain_or_increase', 'relative',
	                                             'qualitative', 'text')),
	value           DOUBLE PRECISION,
	unit            TEXT,
	base_year       INTEGER,
	qual            TEXT CHECK (qual IN ('yes', 'partly', 'no')),
	comment         TEXT,
	status          TEXT NOT NULL
	                CHECK (status IN ('none', 'achieved', 'partly', 'not_achieved')),
	computed_status TEXT NOT NULL
	                CHECK (computed_status IN ('none', 'achieved', 'partly', 'not_achieved')),
	override_reason TEXT,
	entered_by      TEXT,
	entered_at      TEXT,
	changed_by      TEXT NOT NULL,
	changed_at      TEXT NOT NULL
);
CREATE INDEX outcome_history_outcome ON outcome_history (outcome_id, id);

-- Aktiviteternas uppföljning: one state per activity and period.
CREATE TABLE activity_status (
	id          INTEGER PRIMARY KEY,
	activity_id BIGINT NOT NULL REFERENCES activity (id) ON DELETE RESTRICT,
	period_id   BIGINT NOT NULL REFERENCES period (id) ON DELETE RESTRICT,
	state       TEXT NOT NULL
	            CHECK (state IN ('not_started', 'ongoing', 'done', 'delayed', 'cancelled')),
	comment     TEXT,
	entered_by  TEXT,
	entered_at  TEXT,
	UNIQUE (activity_id, period_id)
);
CREATE INDEX activity_status_period ON activity_status (period_id);
