-- The frozen pool refuses new rows too, once it is packed (migration 014): the commit writes the
-- rows and then the pack in one transaction, and landun migrate copies a committed plan's rows
-- before it packs them again (law/transfer.c), so only a row added behind landun's back is
-- refused. A plan committed before migration 014 has no pack; its rows are still checked against
-- the commitment by every verification.
-- @sqlite
CREATE TRIGGER draw_pool_frozen_insert BEFORE INSERT ON draw_pool
WHEN EXISTS (SELECT 1 FROM draw_pool_pack WHERE plan_id = NEW.plan_id)
BEGIN
    SELECT RAISE(ABORT, 'draw_pool: the frozen pool of a committed plan cannot change');
END;
-- @postgres
CREATE FUNCTION draw_pool_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM draw_pool_pack WHERE plan_id = NEW.plan_id) THEN
        RAISE EXCEPTION '%: the frozen pool of a committed plan cannot change', TG_TABLE_NAME
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER draw_pool_frozen_insert BEFORE INSERT ON draw_pool
    FOR EACH ROW EXECUTE FUNCTION draw_pool_sealed();
