-- Users, roles per org unit, sessions, API tokens, failed-login counters,
-- period reopenings and the audit log's hash chain (issue 5).

-- Local accounts. pw_hash is libsodium's crypto_pwhash_str (argon2id,
-- parameters inside the string); never the password itself.
CREATE TABLE app_user (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
	display_name TEXT NOT NULL,
	pw_hash      TEXT NOT NULL,
	disabled     INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at   TEXT NOT NULL
);

-- A role on an org unit and everything below it; org_unit_id NULL = the
-- whole database (core/authz.h).
CREATE TABLE user_role (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	role        TEXT NOT NULL CHECK (role IN ('administrator', 'planner', 'reporter',
	                                          'decision_maker', 'reader')),
	org_unit_id INTEGER REFERENCES org_unit (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX user_role_unique ON user_role (user_id, role, COALESCE(org_unit_id, 0));

-- Sessions: only the SHA-256 of the token is stored, so a copy of the
-- database does not log anyone in. Idle expiry moves with last_seen_at;
-- expires_at is the absolute end.
CREATE TABLE session (
	id           INTEGER PRIMARY KEY,
	token_hash   TEXT NOT NULL UNIQUE,
	user_id      INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	csrf_token   TEXT NOT NULL,
	created_at   INTEGER NOT NULL,    -- unix seconds
	last_seen_at INTEGER NOT NULL,
	expires_at   INTEGER NOT NULL
);

-- API tokens (Bearer), hashed like sessions; revoked tokens stay for the log.
CREATE TABLE api_token (
	id           INTEGER PRIMARY KEY,
	token_hash   TEXT NOT NULL UNIQUE,
	user_id      INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	label        TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
);

-- Failed logins per account ('user') and per client address ('ip') within
-- a window; a success clears the account's row.
CREATE TABLE login_failure (
	kind        TEXT NOT NULL CHECK (kind IN ('user', 'ip')),
	subject     TEXT NOT NULL,
	count       INTEGER NOT NULL,
	first_at    INTEGER NOT NULL,
	last_at     INTEGER NOT NULL,
	PRIMARY KEY (kind, subject)
);

-- A planner's reopening of a period after its deadline, until a date.
CREATE TABLE period_reopen (
	id          INTEGER PRIMARY KEY,
	period_id   INTEGER NOT NULL REFERENCES period (id) ON DELETE CASCADE,
	until       TEXT NOT NULL,        -- ISO date, inclusive
	reopened_by TEXT NOT NULL,
	reason      TEXT
);
CREATE INDEX period_reopen_period ON period_reopen (period_id);

-- Tamper evidence: each row's hash covers the row and the previous row's
-- hash (store/sqlite_audit.c). Rows are sealed before their transaction
-- commits; older rows are sealed the first time the database is opened.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
