-- The start page's registry figures at province scale: entities per agency and status, and per
-- agency and line, kept by triggers on every insert, change and delete (the import, the
-- transfer and the demo included), so that a figure over an agency subtree sums a few hundred
-- rows instead of counting a million entities (law/dashboard.c).
CREATE TABLE entity_tally (
    agency_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (agency_id, status)
);
CREATE TABLE entity_line_tally (
    agency_id BIGINT NOT NULL,
    line TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (agency_id, line)
);
INSERT INTO entity_tally (agency_id, status, n)
    SELECT agency_id, status, count(*) FROM entity GROUP BY agency_id, status;
INSERT INTO entity_line_tally (agency_id, line, n)
    SELECT x.agency_id, l.line, count(*) FROM entity_line l JOIN entity x ON x.id = l.entity_id
    GROUP BY x.agency_id, l.line;
-- @sqlite
CREATE TRIGGER entity_tally_insert AFTER INSERT ON entity
BEGIN
    INSERT OR IGNORE INTO entity_tally (agency_id, status, n) VALUES (NEW.agency_id, NEW.status, 0);
    UPDATE entity_tally SET n = n + 1 WHERE agency_id = NEW.agency_id AND status = NEW.status;
END;
CREATE TRIGGER entity_tally_delete AFTER DELETE ON entity
BEGIN
    UPDATE entity_tally SET n = n - 1 WHERE agency_id = OLD.agency_id AND status = OLD.status;
END;
CREATE TRIGGER entity_tally_update AFTER UPDATE OF agency_id, status ON entity
WHEN OLD.agency_id <> NEW.agency_id OR OLD.status <> NEW.status
BEGIN
    UPDATE entity_tally SET n = n - 1 WHERE agency_id = OLD.agency_id AND status = OLD.status;
    INSERT OR IGNORE INTO entity_tally (agency_id, status, n) VALUES (NEW.agency_id, NEW.status, 0);
    UPDATE entity_tally SET n = n + 1 WHERE agency_id = NEW.agency_id AND status = NEW.status;
END;
-- an entity moved to another agency takes its lines' counts along
CREATE TRIGGER entity_line_tally_move AFTER UPDATE OF agency_id ON entity
WHEN OLD.agency_id <> NEW.agency_id
BEGIN
    UPDATE entity_line_tally SET n = n - 1 WHERE agency_id = OLD.agency_id
        AND line IN (SELECT line FROM entity_line WHERE entity_id = NEW.id);
    INSERT OR IGNORE INTO entity_line_tally (agency_id, line, n)
        SELECT NEW.agency_id, line, 0 FROM entity_line WHERE entity_id = NEW.id;
    UPDATE entity_line_tally SET n = n + 1 WHERE agency_id = NEW.agency_id
        AND line IN (SELECT line FROM entity_line WHERE entity_id = NEW.id);
END;
CREATE TRIGGER entity_line_tally_insert AFTER INSERT ON entity_line
BEGIN
    INSERT OR IGNORE INTO entity_line_tally (agency_id, line, n)
        SELECT agency_id, NEW.line, 0 FROM entity WHERE id = NEW.entity_id;
    UPDATE entity_line_tally SET n = n + 1 WHERE line = NEW.line
        AND agency_id = (SELECT agency_id FROM entity WHERE id = NEW.entity_id);
END;
CREATE TRIGGER entity_line_tally_delete AFTER DELETE ON entity_line
BEGIN
    UPDATE entity_line_tally SET n = n - 1 WHERE line = OLD.line
        AND agency_id = (SELECT agency_id FROM entity WHERE id = OLD.entity_id);
END;
-- @postgres
CREATE FUNCTION entity_tally_add(a BIGINT, s TEXT, d BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO entity_tally (agency_id, status, n) VALUES (a, s, d)
    ON CONFLICT (agency_id, status) DO UPDATE SET n = entity_tally.n + EXCLUDED.n
$$;
CREATE FUNCTION entity_line_tally_add(a BIGINT, l TEXT, d BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO entity_line_tally (agency_id, line, n) VALUES (a, l, d)
    ON CONFLICT (agency_id, line) DO UPDATE SET n = entity_line_tally.n + EXCLUDED.n
$$;
CREATE FUNCTION entity_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM entity_tally_add(OLD.agency_id, OLD.status, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM entity_tally_add(NEW.agency_id, NEW.status, 1);
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.agency_id <> NEW.agency_id THEN
        PERFORM entity_line_tally_add(OLD.agency_id, line, -1) FROM entity_line
            WHERE entity_id = NEW.id;
        PERFORM entity_line_tally_add(NEW.agency_id, line, 1) FROM entity_line
            WHERE entity_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER entity_tally_change AFTER INSERT OR DELETE ON entity
    FOR EACH ROW EXECUTE FUNCTION entity_tally();
CREATE TRIGGER entity_tally_update AFTER UPDATE OF agency_id, status ON entity
    FOR EACH ROW WHEN (OLD.agency_id <> NEW.agency_id OR OLD.status <> NEW.status)
    EXECUTE FUNCTION entity_tally();
CREATE FUNCTION entity_line_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM entity_line_tally_add(agency_id, NEW.line, 1) FROM entity
            WHERE id = NEW.entity_id;
    ELSE
        PERFORM entity_line_tally_add(agency_id, OLD.line, -1) FROM entity
            WHERE id = OLD.entity_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER entity_line_tally_change AFTER INSERT OR DELETE ON entity_line
    FOR EACH ROW EXECUTE FUNCTION entity_line_tally();
