-- The frozen pool of a committed plan does not change until the plan is withdrawn (set back to
-- draft first, then its rows deleted): its rows are written in the commit's transaction, and the
-- draw reads them without hashing them again (law/plan_draw.c; the verification still recomputes
-- the hash). Rows of a committed or drawn plan refuse UPDATE and DELETE; the draw checks that
-- their number is the committed pool size, so a row added later is refused there too.
-- @sqlite
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
-- @postgres
CREATE FUNCTION draw_pool_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT state FROM draw_plan WHERE id = OLD.plan_id) <> 'draft' THEN
        RAISE EXCEPTION 'draw_pool: the frozen pool of a committed plan cannot change'
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
