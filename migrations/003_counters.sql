-- Counters that several server processes share, and what a county brings when it moves into a
-- provincial database (landun migrate).

-- Named counters (document numbers per agency and year, data versions). A counter advances with
-- one statement, INSERT … ON CONFLICT DO UPDATE … RETURNING, which holds the row until commit on
-- PostgreSQL and runs under the write lock on SQLite: two writers never get the same value.
CREATE TABLE counter (
    name TEXT NOT NULL,                   -- e.g. doc:武卫监现:320412, calendar
    year INTEGER NOT NULL,                -- 0 for counters that do not restart each year
    value BIGINT NOT NULL,
    PRIMARY KEY (name, year)
);

-- The head of the audit chain: the last row's id and hash. Appending updates it first, so that
-- concurrent writers on PostgreSQL queue on this row instead of both extending the same row.
CREATE TABLE audit_head (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    last_id BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (one, last_id, hash)
SELECT 1, COALESCE(MAX(id), 0),
       COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000')
FROM audit_log;

-- Audit chains brought in by landun migrate, kept byte for byte (their original ids) so that each
-- stays verifiable; the live chain records each import with the imported head hash.
CREATE TABLE audit_archive (
    source TEXT NOT NULL,                 -- where the chain came from (the source database)
    id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    agency_id BIGINT,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id BIGINT,
    summary TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (source, id)
);

-- Old id → new id for every row landun migrate copied, so archived audit rows can be followed to
-- the records they speak of.
CREATE TABLE transfer_map (
    source TEXT NOT NULL,
    tbl TEXT NOT NULL,
    old_id BIGINT NOT NULL,
    new_id BIGINT NOT NULL,
    PRIMARY KEY (source, tbl, old_id)
);
