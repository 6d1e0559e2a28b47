-- 0003_settings: settings a region (or any org unit) chooses for itself.
--
-- * setting: one value per (org unit, name); org_unit_id NULL is the default
--   for the whole database. The nearest setting up the org tree from a
--   plan's owner applies (a board may differ from its region).
-- * The only name so far is default_tolerance: the width of the "partly"
--   (◆) band in percent of the target for indicators that have no tolerance
--   of their own (indicator.tolerance, 0002). Without any setting the
--   built-in 10 % applies (src/core/status.h, docs/status-rules.md).
-- Values are text, so a new setting needs no new column; the CHECK names
-- what is known and keeps typos out.
-- Same portability notes as 0001 (COALESCE in a unique index works in both).

CREATE TABLE setting (
	id          INTEGER PRIMARY KEY,
	org_unit_id BIGINT REFERENCES org_unit (id) ON DELETE RESTRICT,
	name        TEXT NOT NULL CHECK (name IN ('default_tolerance')),
	value       TEXT NOT NULL
);
CREATE UNIQUE INDEX setting_one ON setting (COALESCE(org_unit_id, 0), name);
