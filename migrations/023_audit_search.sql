-- The audit trail searched like the registries (store/: db_search): a fragment of its summary,
-- user name or action, Chinese included, found through an index instead of reading every row —
-- at province scale the trail has millions. Rows are only ever appended (law/audit.c), so only
-- an insert keeps the index. Builds the index over the existing rows: about a minute per million.
-- @sqlite
CREATE VIRTUAL TABLE audit_log_fts USING fts5(
    summary, username, action, content='audit_log', content_rowid='id', tokenize='landun_ngram');
INSERT INTO audit_log_fts(rowid, summary, username, action)
    SELECT id, summary, username, action FROM audit_log;
CREATE TRIGGER audit_log_fts_ai AFTER INSERT ON audit_log BEGIN
    INSERT INTO audit_log_fts(rowid, summary, username, action)
    VALUES (new.id, new.summary, new.username, new.action);
END;
-- @postgres
ALTER TABLE audit_log ADD COLUMN search_plain text GENERATED ALWAYS AS (landun_squeeze(summary)
    || ' ' || landun_squeeze(username) || ' ' || landun_squeeze(action)) STORED;
CREATE INDEX audit_log_search_plain ON audit_log USING gin (search_plain gin_trgm_ops);
CREATE INDEX audit_log_search_pairs ON audit_log USING gin (landun_pairs(search_plain));
ANALYZE audit_log (search_plain);
