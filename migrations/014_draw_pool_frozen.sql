-- The frozen pool of a committed plan does not change until the plan is withdrawn (set back to
-- draft first, then its rows deleted). The commit writes the rows, hashes them and packs their
-- ids and grades into draw_pool_pack in one transaction; the draw reads that one value instead
-- of a million rows, without hashing them again (law/plan_draw.c; the verification still
-- recomputes the hash from the rows). Rows of both tables refuse UPDATE and DELETE while their
-- plan is committed or drawn. A plan committed before this migration has no pack: its draw reads
-- the rows and checks their hash against the commitment.
-- @sqlite
CREATE TABLE draw_pool_pack (
    plan_id BIGINT PRIMARY KEY REFERENCES draw_plan(id) ON DELETE CASCADE,
    entries BLOB NOT NULL                 -- law/draw_pack.h: ids of this database and grades
);
CREATE TRIGGER draw_pool_frozen_update BEFORE UPDATE ON draw_pool
WHEN (SELECT state FROM draw_plan WHERE id = OLD.plan_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'draw_pool: the frozen pool of a committed plan cannot change');
END;
CREATE TRIGGER draw_pool_frozen_delete BEFORE DELETE ON draw_pool
WHEN (SELECT state FROM draw_plan WHERE id = OLD.plan_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'draw_pool: the frozen pool of a committed plan cannot change');
END;
CREATE TRIGGER draw_pool_pack_frozen_update BEFORE UPDATE ON draw_pool_pack
WHEN (SELECT state FROM draw_plan WHERE id = OLD.plan_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'draw_pool_pack: the frozen pool of a committed plan cannot change');
END;
CREATE TRIGGER draw_pool_pack_frozen_delete BEFORE DELETE ON draw_pool_pack
WHEN (SELECT state FROM draw_plan WHERE id = OLD.plan_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'draw_pool_pack: the frozen pool of a committed plan cannot change');
END;
-- A task's team: on SQLite a WITHOUT ROWID table clustered on its key, one B-tree fewer to fill
-- for the 100,000 rows of a large draw (as draw_pool in migration 013).
CREATE TABLE task_officer_clustered (
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    officer_id BIGINT NOT NULL REFERENCES officer(id),
    PRIMARY KEY (task_id, officer_id)
) WITHOUT ROWID;
INSERT INTO task_officer_clustered (task_id, officer_id)
    SELECT task_id, officer_id FROM task_officer;
DROP TABLE task_officer;
ALTER TABLE task_officer_clustered RENAME TO task_officer;
CREATE INDEX task_officer_officer ON task_officer(officer_id, task_id);
-- @postgres
CREATE TABLE draw_pool_pack (
    plan_id BIGINT PRIMARY KEY REFERENCES draw_plan(id) ON DELETE CASCADE,
    entries BYTEA NOT NULL                -- law/draw_pack.h: ids of this database and grades
);
CREATE FUNCTION draw_pool_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT state FROM draw_plan WHERE id = OLD.plan_id) <> 'draft' THEN
        RAISE EXCEPTION '%: the frozen pool of a committed plan cannot change', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER draw_pool_frozen BEFORE UPDATE OR DELETE ON draw_pool
    FOR EACH ROW EXECUTE FUNCTION draw_pool_frozen();
CREATE TRIGGER draw_pool_pack_frozen BEFORE UPDATE OR DELETE ON draw_pool_pack
    FOR EACH ROW EXECUTE FUNCTION draw_pool_frozen();
