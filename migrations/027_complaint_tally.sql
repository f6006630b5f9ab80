-- The figures of complaints at province scale (law/complaint_stats.c): counts per agency, month
-- of receipt and code of each counted column (channel, line, matter, result, state,
-- satisfaction), and of the deadlines met and met by their last day (decide_met,
-- decide_on_time, handle_met, handle_on_time; code ''), kept by triggers on every insert, change
-- and delete of a complaint or of a complaint's deadline (the transfer and the demo included).
-- A province-year then sums a few thousand rows instead of grouping a million complaints; the
-- days of a period that do not fill a month are counted from the complaints themselves.
CREATE TABLE complaint_tally (
    agency_id BIGINT NOT NULL,
    month TEXT NOT NULL,                  -- YYYY-MM of received_on
    dim TEXT NOT NULL,
    code TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (agency_id, month, dim, code)
);
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT agency_id, substr(received_on, 1, 7), 'channel', channel, count(*) FROM complaint
    WHERE channel IS NOT NULL GROUP BY agency_id, substr(received_on, 1, 7), channel;
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT agency_id, substr(received_on, 1, 7), 'line', line, count(*) FROM complaint
    WHERE line IS NOT NULL GROUP BY agency_id, substr(received_on, 1, 7), line;
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT agency_id, substr(received_on, 1, 7), 'matter', matter, count(*) FROM complaint
    WHERE matter IS NOT NULL GROUP BY agency_id, substr(received_on, 1, 7), matter;
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT agency_id, substr(received_on, 1, 7), 'result', result, count(*) FROM complaint
    WHERE result IS NOT NULL GROUP BY agency_id, substr(received_on, 1, 7), result;
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT agency_id, substr(received_on, 1, 7), 'state', state, count(*) FROM complaint
    WHERE state IS NOT NULL GROUP BY agency_id, substr(received_on, 1, 7), state;
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT agency_id, substr(received_on, 1, 7), 'satisfaction', satisfaction, count(*) FROM complaint
    WHERE satisfaction IS NOT NULL GROUP BY agency_id, substr(received_on, 1, 7), satisfaction;
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT x.agency_id, substr(x.received_on, 1, 7), 'decide_met', '', count(*) FROM wf_deadline d
    JOIN complaint x ON x.id = d.object_id WHERE d.kind = 'complaint' AND d.name = 'decide'
    AND d.outcome = 'met' GROUP BY x.agency_id, substr(x.received_on, 1, 7);
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT x.agency_id, substr(x.received_on, 1, 7), 'decide_on_time', '', count(*) FROM wf_deadline d
    JOIN complaint x ON x.id = d.object_id WHERE d.kind = 'complaint' AND d.name = 'decide'
    AND d.outcome = 'met' AND d.ended_on <= d.due_on GROUP BY x.agency_id, substr(x.received_on, 1, 7);
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT x.agency_id, substr(x.received_on, 1, 7), 'handle_met', '', count(*) FROM wf_deadline d
    JOIN complaint x ON x.id = d.object_id WHERE d.kind = 'complaint' AND d.name = 'handle'
    AND d.outcome = 'met' GROUP BY x.agency_id, substr(x.received_on, 1, 7);
INSERT INTO complaint_tally (agency_id, month, dim, code, n)
    SELECT x.agency_id, substr(x.received_on, 1, 7), 'handle_on_time', '', count(*) FROM wf_deadline d
    JOIN complaint x ON x.id = d.object_id WHERE d.kind = 'complaint' AND d.name = 'handle'
    AND d.outcome = 'met' AND d.ended_on <= d.due_on GROUP BY x.agency_id, substr(x.received_on, 1, 7);
-- @sqlite
CREATE TRIGGER complaint_tally_insert AFTER INSERT ON complaint
BEGIN
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'channel', NEW.channel, 1
        WHERE NEW.channel IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'line', NEW.line, 1
        WHERE NEW.line IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'matter', NEW.matter, 1
        WHERE NEW.matter IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'result', NEW.result, 1
        WHERE NEW.result IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'state', NEW.state, 1
        WHERE NEW.state IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'satisfaction', NEW.satisfaction, 1
        WHERE NEW.satisfaction IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
END;
CREATE TRIGGER complaint_tally_delete AFTER DELETE ON complaint
BEGIN
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'channel', OLD.channel, -1
        WHERE OLD.channel IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'line', OLD.line, -1
        WHERE OLD.line IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'matter', OLD.matter, -1
        WHERE OLD.matter IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'result', OLD.result, -1
        WHERE OLD.result IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'state', OLD.state, -1
        WHERE OLD.state IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'satisfaction', OLD.satisfaction, -1
        WHERE OLD.satisfaction IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
END;
CREATE TRIGGER complaint_tally_update AFTER UPDATE OF agency_id, received_on, channel, line, matter, result, state, satisfaction ON complaint
WHEN OLD.agency_id IS NOT NEW.agency_id OR OLD.received_on IS NOT NEW.received_on OR OLD.channel IS NOT NEW.channel OR OLD.line IS NOT NEW.line OR OLD.matter IS NOT NEW.matter OR OLD.result IS NOT NEW.result OR OLD.state IS NOT NEW.state OR OLD.satisfaction IS NOT NEW.satisfaction
BEGIN
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'channel', OLD.channel, -1
        WHERE OLD.channel IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'line', OLD.line, -1
        WHERE OLD.line IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'matter', OLD.matter, -1
        WHERE OLD.matter IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'result', OLD.result, -1
        WHERE OLD.result IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'state', OLD.state, -1
        WHERE OLD.state IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT OLD.agency_id, substr(OLD.received_on, 1, 7), 'satisfaction', OLD.satisfaction, -1
        WHERE OLD.satisfaction IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'channel', NEW.channel, 1
        WHERE NEW.channel IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'line', NEW.line, 1
        WHERE NEW.line IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'matter', NEW.matter, 1
        WHERE NEW.matter IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'result', NEW.result, 1
        WHERE NEW.result IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'state', NEW.state, 1
        WHERE NEW.state IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT NEW.agency_id, substr(NEW.received_on, 1, 7), 'satisfaction', NEW.satisfaction, 1
        WHERE NEW.satisfaction IS NOT NULL
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
END;
CREATE TRIGGER complaint_deadline_tally_insert AFTER INSERT ON wf_deadline
WHEN NEW.kind = 'complaint' AND NEW.outcome = 'met'
BEGIN
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT x.agency_id, substr(x.received_on, 1, 7), NEW.name || '_met', '', 1
        FROM complaint x WHERE x.id = NEW.object_id AND NEW.kind = 'complaint'
        AND NEW.outcome = 'met'
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT x.agency_id, substr(x.received_on, 1, 7), NEW.name || '_on_time', '', 1
        FROM complaint x WHERE x.id = NEW.object_id AND NEW.kind = 'complaint'
        AND NEW.outcome = 'met' AND NEW.ended_on <= NEW.due_on
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
END;
CREATE TRIGGER complaint_deadline_tally_delete AFTER DELETE ON wf_deadline
WHEN OLD.kind = 'complaint' AND OLD.outcome = 'met'
BEGIN
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT x.agency_id, substr(x.received_on, 1, 7), OLD.name || '_met', '', -1
        FROM complaint x WHERE x.id = OLD.object_id AND OLD.kind = 'complaint'
        AND OLD.outcome = 'met'
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT x.agency_id, substr(x.received_on, 1, 7), OLD.name || '_on_time', '', -1
        FROM complaint x WHERE x.id = OLD.object_id AND OLD.kind = 'complaint'
        AND OLD.outcome = 'met' AND OLD.ended_on <= OLD.due_on
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
END;
CREATE TRIGGER complaint_deadline_tally_update AFTER UPDATE OF outcome, ended_on, due_on ON wf_deadline
WHEN NEW.kind = 'complaint' OR OLD.kind = 'complaint'
BEGIN
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT x.agency_id, substr(x.received_on, 1, 7), OLD.name || '_met', '', -1
        FROM complaint x WHERE x.id = OLD.object_id AND OLD.kind = 'complaint'
        AND OLD.outcome = 'met'
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT x.agency_id, substr(x.received_on, 1, 7), OLD.name || '_on_time', '', -1
        FROM complaint x WHERE x.id = OLD.object_id AND OLD.kind = 'complaint'
        AND OLD.outcome = 'met' AND OLD.ended_on <= OLD.due_on
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (-1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT x.agency_id, substr(x.received_on, 1, 7), NEW.name || '_met', '', 1
        FROM complaint x WHERE x.id = NEW.object_id AND NEW.kind = 'complaint'
        AND NEW.outcome = 'met'
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
    INSERT INTO complaint_tally (agency_id, month, dim, code, n)
        SELECT x.agency_id, substr(x.received_on, 1, 7), NEW.name || '_on_time', '', 1
        FROM complaint x WHERE x.id = NEW.object_id AND NEW.kind = 'complaint'
        AND NEW.outcome = 'met' AND NEW.ended_on <= NEW.due_on
        ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = n + (1);
END;
-- @postgres
CREATE FUNCTION complaint_tally_add(a BIGINT, m TEXT, d TEXT, c TEXT, k BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO complaint_tally (agency_id, month, dim, code, n) VALUES (a, m, d, c, k)
    ON CONFLICT (agency_id, month, dim, code) DO UPDATE SET n = complaint_tally.n + EXCLUDED.n
$$;
CREATE FUNCTION complaint_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF OLD.channel IS NOT NULL THEN
            PERFORM complaint_tally_add(OLD.agency_id, substr(OLD.received_on, 1, 7), 'channel', OLD.channel, -1);
        END IF;
        IF OLD.line IS NOT NULL THEN
            PERFORM complaint_tally_add(OLD.agency_id, substr(OLD.received_on, 1, 7), 'line', OLD.line, -1);
        END IF;
        IF OLD.matter IS NOT NULL THEN
            PERFORM complaint_tally_add(OLD.agency_id, substr(OLD.received_on, 1, 7), 'matter', OLD.matter, -1);
        END IF;
        IF OLD.result IS NOT NULL THEN
            PERFORM complaint_tally_add(OLD.agency_id, substr(OLD.received_on, 1, 7), 'result', OLD.result, -1);
        END IF;
        IF OLD.state IS NOT NULL THEN
            PERFORM complaint_tally_add(OLD.agency_id, substr(OLD.received_on, 1, 7), 'state', OLD.state, -1);
        END IF;
        IF OLD.satisfaction IS NOT NULL THEN
            PERFORM complaint_tally_add(OLD.agency_id, substr(OLD.received_on, 1, 7), 'satisfaction', OLD.satisfaction, -1);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF NEW.channel IS NOT NULL THEN
            PERFORM complaint_tally_add(NEW.agency_id, substr(NEW.received_on, 1, 7), 'channel', NEW.channel, 1);
        END IF;
        IF NEW.line IS NOT NULL THEN
            PERFORM complaint_tally_add(NEW.agency_id, substr(NEW.received_on, 1, 7), 'line', NEW.line, 1);
        END IF;
        IF NEW.matter IS NOT NULL THEN
            PERFORM complaint_tally_add(NEW.agency_id, substr(NEW.received_on, 1, 7), 'matter', NEW.matter, 1);
        END IF;
        IF NEW.result IS NOT NULL THEN
            PERFORM complaint_tally_add(NEW.agency_id, substr(NEW.received_on, 1, 7), 'result', NEW.result, 1);
        END IF;
        IF NEW.state IS NOT NULL THEN
            PERFORM complaint_tally_add(NEW.agency_id, substr(NEW.received_on, 1, 7), 'state', NEW.state, 1);
        END IF;
        IF NEW.satisfaction IS NOT NULL THEN
            PERFORM complaint_tally_add(NEW.agency_id, substr(NEW.received_on, 1, 7), 'satisfaction', NEW.satisfaction, 1);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER complaint_tally_change AFTER INSERT OR DELETE ON complaint
    FOR EACH ROW EXECUTE FUNCTION complaint_tally();
CREATE TRIGGER complaint_tally_update AFTER UPDATE OF agency_id, received_on, channel, line, matter, result, state, satisfaction ON complaint
    FOR EACH ROW WHEN (OLD.agency_id IS DISTINCT FROM NEW.agency_id OR OLD.received_on IS DISTINCT FROM NEW.received_on OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.line IS DISTINCT FROM NEW.line OR OLD.matter IS DISTINCT FROM NEW.matter OR OLD.result IS DISTINCT FROM NEW.result OR OLD.state IS DISTINCT FROM NEW.state OR OLD.satisfaction IS DISTINCT FROM NEW.satisfaction)
    EXECUTE FUNCTION complaint_tally();
CREATE FUNCTION complaint_deadline_tally_row(r wf_deadline, k BIGINT) RETURNS void
LANGUAGE sql AS $$
    SELECT complaint_tally_add(x.agency_id, substr(x.received_on, 1, 7), r.name || '_met', '', k)
        FROM complaint x WHERE x.id = r.object_id AND r.kind = 'complaint' AND r.outcome = 'met';
    SELECT complaint_tally_add(x.agency_id, substr(x.received_on, 1, 7), r.name || '_on_time', '',
        k) FROM complaint x WHERE x.id = r.object_id AND r.kind = 'complaint'
        AND r.outcome = 'met' AND r.ended_on <= r.due_on;
$$;
CREATE FUNCTION complaint_deadline_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM complaint_deadline_tally_row(OLD, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM complaint_deadline_tally_row(NEW, 1);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER complaint_deadline_tally_insert AFTER INSERT ON wf_deadline
    FOR EACH ROW WHEN (NEW.kind = 'complaint') EXECUTE FUNCTION complaint_deadline_tally();
CREATE TRIGGER complaint_deadline_tally_delete AFTER DELETE ON wf_deadline
    FOR EACH ROW WHEN (OLD.kind = 'complaint') EXECUTE FUNCTION complaint_deadline_tally();
CREATE TRIGGER complaint_deadline_tally_update AFTER UPDATE OF outcome, ended_on, due_on
    ON wf_deadline FOR EACH ROW WHEN (NEW.kind = 'complaint' OR OLD.kind = 'complaint')
    EXECUTE FUNCTION complaint_deadline_tally();
