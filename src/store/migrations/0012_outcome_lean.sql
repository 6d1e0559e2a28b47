-- 0012_outcome_lean: outcome loses its two secondary indexes, outcome_period
-- (period_id) and outcome_org (org_unit_id). No read needs them: every
-- query on outcome goes by id, by id range (the report's scan) or by
-- indicator first (outcome_one_value: indicator, period, gender, org unit),
-- and nothing deletes a period or an org unit (their ON DELETE RESTRICT
-- checks would be the only other users). Each new outcome paid for both
-- (the outcome import, issue 7 §1, callgrind on 100 000 rows of the bench
-- region: 5,52 G -> 5,09 G instructions, ~6 900 per new row). Dropping an
-- index loses no row; the same statements run on PostgreSQL.

DROP INDEX outcome_period;
DROP INDEX outcome_org;
