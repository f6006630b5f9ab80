-- Ids of deleted rows are never given again to records that carry history (workflow steps,
-- deadlines and audit rows name their object by id). PostgreSQL's identity sequences never
-- reuse a value; SQLite gives a new row the largest id + 1, so a deleted last row's id would
-- come back. The largest id deleted from such a table is kept here, and store/db_next_id
-- allocates above it (law/plan.c, deleting a draft plan).
CREATE TABLE id_floor (
    tbl TEXT PRIMARY KEY,                 -- the table
    last BIGINT NOT NULL                  -- the largest id ever deleted from it
);
