-- PostgreSQL mirror of ../0012_outcome_lean.sql: outcome's two secondary
-- indexes (period_id, org_unit_id) are dropped; no read needs them and
-- every new outcome paid for them.

DROP INDEX outcome_period;
DROP INDEX outcome_org;
