-- Decided versions of a plan, kept when a new version is started (issue 5):
-- the plan row moves on to the next version as a draft; what was decided
-- stays here as JSON (plan, goals, indicators, targets, baselines,
-- activities, budget lines, change log), never updated.
CREATE TABLE plan_version (
	id          INTEGER PRIMARY KEY,
	plan_id     INTEGER NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
	version     INTEGER NOT NULL,
	status      TEXT NOT NULL,
	saved_at    TEXT NOT NULL,
	snapshot    TEXT NOT NULL,
	UNIQUE (plan_id, version)
);
