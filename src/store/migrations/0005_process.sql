-- 0005_process: the yearly planning process (årshjul, seed 002), board
-- feedback on the planning premises, the plan sections of seed 000 §3 that
-- are not goals or activities (§3.4 checklists, §3.5 ordlista), budget
-- frames per board (seed 004) and the economic follow-up per period (seed 001).
--
-- * process_cycle: one per region and year; phases, events (milestones and
--   meetings with syfte, mål, deltagare) and deliveries per board hang off it.
-- * board_feedback: one text per (cycle, board, heading); the headings are
--   the six of seed 002's template plus the risk and sensitivity analysis.
-- * plan_checklist: one row per (plan, perspective, question); question 0
--   holds the perspective's motivation ("motivera varför").
-- * Money is BIGINT tkr, as budget_line (0001).
-- Same portability notes as 0001. Number 0005: 0004 is another change's.

CREATE TABLE process_cycle (
	id          INTEGER PRIMARY KEY,
	org_unit_id BIGINT NOT NULL REFERENCES org_unit (id) ON DELETE RESTRICT,
	year        INTEGER NOT NULL,
	title       TEXT NOT NULL,
	owner       TEXT,
	UNIQUE (org_unit_id, year)
);

CREATE TABLE process_phase (
	id          INTEGER PRIMARY KEY,
	cycle_id    BIGINT NOT NULL REFERENCES process_cycle (id) ON DELETE RESTRICT,
	position    INTEGER NOT NULL DEFAULT 0,
	name        TEXT NOT NULL,
	starts_on   TEXT NOT NULL,
	ends_on     TEXT NOT NULL,
	owner       TEXT,
	description TEXT,
	CHECK (starts_on <= ends_on)
);
CREATE INDEX process_phase_cycle ON process_phase (cycle_id, position);

CREATE TABLE process_event (
	id           INTEGER PRIMARY KEY,
	cycle_id     BIGINT NOT NULL REFERENCES process_cycle (id) ON DELETE RESTRICT,
	phase_id     BIGINT REFERENCES process_phase (id) ON DELETE RESTRICT,
	kind         TEXT NOT NULL CHECK (kind IN ('milestone', 'meeting')),
	title        TEXT NOT NULL,
	on_date      TEXT NOT NULL,
	purpose      TEXT,
	goal         TEXT,
	participants TEXT
);
CREATE INDEX process_event_cycle ON process_event (cycle_id, on_date);

CREATE TABLE process_delivery (
	id           INTEGER PRIMARY KEY,
	cycle_id     BIGINT NOT NULL REFERENCES process_cycle (id) ON DELETE RESTRICT,
	org_unit_id  BIGINT NOT NULL REFERENCES org_unit (id) ON DELETE RESTRICT,
	kind         TEXT NOT NULL CHECK (kind IN ('feedback', 'operational_plan', 'activity_plan')),
	due_on       TEXT NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'delivered')),
	delivered_on TEXT,
	UNIQUE (cycle_id, org_unit_id, kind)
);

CREATE TABLE board_feedback (
	id          INTEGER PRIMARY KEY,
	cycle_id    BIGINT NOT NULL REFERENCES process_cycle (id) ON DELETE RESTRICT,
	org_unit_id BIGINT NOT NULL REFERENCES org_unit (id) ON DELETE RESTRICT,
	heading     TEXT NOT NULL CHECK (heading IN ('goals', 'development', 'competence', 'economy',
	                                              'investment', 'other', 'risk')),
	body        TEXT NOT NULL,
	UNIQUE (cycle_id, org_unit_id, heading)
);

CREATE TABLE plan_checklist (
	id          INTEGER PRIMARY KEY,
	plan_id     BIGINT NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
	perspective TEXT NOT NULL CHECK (perspective IN ('equality', 'child_rights', 'environment',
	                                                  'economy', 'regional_development')),
	question    INTEGER NOT NULL CHECK (question >= 0),
	answer      TEXT CHECK (answer IN ('yes', 'no', 'not_applicable')),
	motivation  TEXT,
	UNIQUE (plan_id, perspective, question)
);

CREATE TABLE plan_term (
	id          INTEGER PRIMARY KEY,
	plan_id     BIGINT NOT NULL REFERENCES plan (id) ON DELETE RESTRICT,
	position    INTEGER NOT NULL DEFAULT 0,
	term        TEXT NOT NULL,
	definition  TEXT NOT NULL
);
CREATE INDEX plan_term_plan ON plan_term (plan_id, position);

CREATE TABLE budget_frame (
	id          INTEGER PRIMARY KEY,
	org_unit_id BIGINT NOT NULL REFERENCES org_unit (id) ON DELETE RESTRICT,
	year        INTEGER NOT NULL,
	amount_tkr  BIGINT NOT NULL,
	note        TEXT,
	UNIQUE (org_unit_id, year)
);

CREATE TABLE econ_followup (
	id                INTEGER PRIMARY KEY,
	org_unit_id       BIGINT NOT NULL REFERENCES org_unit (id) ON DELETE RESTRICT,
	period_id         BIGINT NOT NULL REFERENCES period (id) ON DELETE RESTRICT,
	result_tkr        BIGINT NOT NULL,
	budget_tkr        BIGINT NOT NULL,
	annual_budget_tkr BIGINT NOT NULL,
	forecast_tkr      BIGINT NOT NULL,
	comment           TEXT,
	UNIQUE (org_unit_id, period_id)
);
