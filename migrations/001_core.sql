-- Agencies, accounts, sessions, the audit trail and the working-day calendar.

CREATE TABLE agency (
    id ID_PK,
    code TEXT NOT NULL UNIQUE,            -- 机构代码 (usually the administrative division code)
    name TEXT NOT NULL,                   -- 全称
    short_name TEXT,                      -- 简称, first part of document numbers (武)
    division_code TEXT,                   -- 行政区划代码 (GB/T 2260)
    level TEXT NOT NULL DEFAULT 'county', -- province | city | county | other
    parent_id BIGINT REFERENCES agency(id),
    path TEXT NOT NULL,                   -- materialised path of ids: /1/4/9/
    created_at BIGINT NOT NULL
);
CREATE INDEX agency_parent ON agency(parent_id);
CREATE INDEX agency_path ON agency(path);

CREATE TABLE department (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    name TEXT NOT NULL,
    UNIQUE (agency_id, name)
);

CREATE TABLE app_user (
    id ID_PK,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,          -- argon2id string
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    officer_id BIGINT,                    -- the officer this account belongs to, if any
    status TEXT NOT NULL DEFAULT 'active',-- active | disabled
    created_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL
);

CREATE TABLE user_role (
    user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE session (
    id_hash TEXT PRIMARY KEY,             -- SHA-256 of the cookie value
    user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL,
    ip TEXT
);
CREATE INDEX "session_user" ON session(user_id); -- quoted: a reserved word in PostgreSQL

CREATE TABLE api_token (
    id ID_PK,
    token_hash TEXT NOT NULL UNIQUE,      -- SHA-256 of the token
    user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);

CREATE TABLE login_attempt (
    id ID_PK,
    username TEXT NOT NULL,
    ip TEXT NOT NULL,
    at BIGINT NOT NULL,
    ok INTEGER NOT NULL
);
CREATE INDEX login_attempt_user ON login_attempt(username, at);
CREATE INDEX login_attempt_ip ON login_attempt(ip, at);

CREATE TABLE audit_log (
    id ID_PK,
    at BIGINT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    agency_id BIGINT,
    action TEXT NOT NULL,                 -- entity.create, officer.update, user.login …
    object_type TEXT NOT NULL,
    object_id BIGINT,
    summary TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_object ON audit_log(object_type, object_id);
CREATE INDEX audit_agency ON audit_log(agency_id, id);

CREATE TABLE calendar_year (
    year INTEGER PRIMARY KEY,
    source TEXT NOT NULL                  -- the State Council notice
);

CREATE TABLE calendar_day (
    day TEXT PRIMARY KEY,                 -- YYYY-MM-DD
    off INTEGER NOT NULL,                 -- 1 holiday, 0 调休 working day
    name TEXT NOT NULL
);
