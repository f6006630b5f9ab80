-- The frozen pool of a plan is written once and read whole in entity order (the snapshot, the
-- draw, the verification: a million rows for a province). On SQLite it becomes a WITHOUT ROWID
-- table clustered on its key: one B-tree to fill instead of a table and its key index, and a
-- read in key order without a table lookup per row. PostgreSQL keeps its table and key index (a
-- migration needs a statement there: a comment on the table).
-- @sqlite
CREATE TABLE draw_pool_clustered (
    plan_id BIGINT NOT NULL REFERENCES draw_plan(id) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entity(id),
    name TEXT NOT NULL,                   -- public name (a person's masked)
    stratum TEXT,                         -- risk grade or '-' when drawn per grade, else NULL
    published_id BIGINT,                  -- the id in the published snapshot; NULL: entity_id
    PRIMARY KEY (plan_id, entity_id)
) WITHOUT ROWID;
INSERT INTO draw_pool_clustered (plan_id, entity_id, name, stratum, published_id)
    SELECT plan_id, entity_id, name, stratum, published_id FROM draw_pool;
DROP TABLE draw_pool;
ALTER TABLE draw_pool_clustered RENAME TO draw_pool;
-- @postgres
COMMENT ON TABLE draw_pool IS 'the frozen pool of each committed plan: one row per snapshot line';
