-- Provisional deadlines (domain/RULES.md §0). A deadline counted over a year whose State Council
-- holiday notice is not loaded uses the statutory holidays and is marked 暂定; loading the notice
-- recomputes it from its start day and rule, clears the mark, and records the change.

ALTER TABLE wf_deadline ADD COLUMN days INTEGER;          -- the rule's period; NULL: a given date
ALTER TABLE wf_deadline ADD COLUMN working INTEGER NOT NULL DEFAULT 0; -- 1: in working days
ALTER TABLE wf_deadline ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0; -- 1: 暂定
CREATE INDEX wf_deadline_provisional ON wf_deadline(id) WHERE provisional = 1;

-- Each time a year's arrangement was loaded (a notice file, or a year added by hand), and how
-- many provisional deadlines it recomputed.
CREATE TABLE calendar_load (
    id ID_PK,
    year INTEGER NOT NULL,
    source TEXT NOT NULL,                 -- the notice (its address or 文号)
    how TEXT NOT NULL,                    -- import | manual
    at BIGINT NOT NULL,                   -- UTC seconds
    username TEXT NOT NULL,
    recomputed INTEGER NOT NULL,          -- provisional deadlines recomputed
    moved INTEGER NOT NULL                -- of which the last day changed
);

-- The deadlines a load moved, old and new last day, for the administrator to pass on.
CREATE TABLE deadline_move (
    id ID_PK,
    load_id BIGINT NOT NULL REFERENCES calendar_load(id),
    deadline_id BIGINT NOT NULL REFERENCES wf_deadline(id),
    old_due TEXT NOT NULL,
    new_due TEXT NOT NULL
);
CREATE INDEX deadline_move_load ON deadline_move(load_id);
