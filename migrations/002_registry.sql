-- Registries: enforcement officers with their certificates, regulated entities with licences.

CREATE TABLE officer (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    department_id BIGINT REFERENCES department(id),
    name TEXT NOT NULL,
    id_number TEXT NOT NULL,              -- 身份证号
    phone TEXT,
    cert_no TEXT NOT NULL UNIQUE,         -- 行政执法证号
    cert_issued TEXT NOT NULL,            -- YYYY-MM-DD
    cert_expires TEXT NOT NULL,           -- YYYY-MM-DD
    status TEXT NOT NULL DEFAULT 'active',-- active 在岗 | suspended 暂停 | cancelled 注销
    status_reason TEXT,
    lines TEXT NOT NULL DEFAULT '',       -- competent lines, comma-separated codes
    legal_qualified INTEGER NOT NULL DEFAULT 0, -- 法律职业资格
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX officer_agency ON officer(agency_id, id);
CREATE UNIQUE INDEX officer_id_number ON officer(id_number);

CREATE TABLE certificate_review (
    id ID_PK,
    officer_id BIGINT NOT NULL REFERENCES officer(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    reviewed_on TEXT NOT NULL,
    passed INTEGER NOT NULL,
    note TEXT,
    UNIQUE (officer_id, year)
);

CREATE TABLE entity (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    root_id BIGINT NOT NULL REFERENCES agency(id), -- root of the agency tree: USCC unique within
    kind TEXT NOT NULL DEFAULT 'org',     -- org | person
    name TEXT NOT NULL,
    uscc TEXT,                            -- 统一社会信用代码 (org)
    id_number TEXT,                       -- 身份证号 (person)
    legal_rep TEXT,
    address TEXT NOT NULL DEFAULT '',
    division_code TEXT,
    subtype TEXT NOT NULL,                -- catalogue code, e.g. clinic
    lines TEXT NOT NULL DEFAULT '',       -- comma-separated line codes
    status TEXT NOT NULL DEFAULT 'open',  -- open 营业 | suspended 停业 | closed 注销
    risk_grade TEXT,                      -- A | B | C | D
    phone TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX entity_agency ON entity(agency_id, id);
CREATE UNIQUE INDEX entity_uscc ON entity(root_id, uscc);
CREATE UNIQUE INDEX entity_id_number ON entity(root_id, id_number);
CREATE INDEX entity_subtype ON entity(subtype);

CREATE TABLE entity_line (
    entity_id BIGINT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    line TEXT NOT NULL,
    PRIMARY KEY (entity_id, line)
);
CREATE INDEX entity_line_line ON entity_line(line, entity_id);

CREATE TABLE licence (
    id ID_PK,
    entity_id BIGINT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    type TEXT NOT NULL,                   -- catalogue code, e.g. medical_institution
    number TEXT NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    UNIQUE (entity_id, type, number)
);
CREATE INDEX licence_number ON licence(number);

-- @sqlite
CREATE VIRTUAL TABLE entity_fts USING fts5(
    name, address, uscc, legal_rep, content='entity', content_rowid='id', tokenize='landun_ngram');
CREATE TRIGGER entity_fts_ai AFTER INSERT ON entity BEGIN
    INSERT INTO entity_fts(rowid, name, address, uscc, legal_rep)
    VALUES (new.id, new.name, new.address, new.uscc, new.legal_rep);
END;
CREATE TRIGGER entity_fts_ad AFTER DELETE ON entity BEGIN
    INSERT INTO entity_fts(entity_fts, rowid, name, address, uscc, legal_rep)
    VALUES ('delete', old.id, old.name, old.address, old.uscc, old.legal_rep);
END;
CREATE TRIGGER entity_fts_au AFTER UPDATE OF name, address, uscc, legal_rep ON entity BEGIN
    INSERT INTO entity_fts(entity_fts, rowid, name, address, uscc, legal_rep)
    VALUES ('delete', old.id, old.name, old.address, old.uscc, old.legal_rep);
    INSERT INTO entity_fts(rowid, name, address, uscc, legal_rep)
    VALUES (new.id, new.name, new.address, new.uscc, new.legal_rep);
END;
CREATE VIRTUAL TABLE officer_fts USING fts5(
    name, cert_no, id_number, content='officer', content_rowid='id', tokenize='landun_ngram');
CREATE TRIGGER officer_fts_ai AFTER INSERT ON officer BEGIN
    INSERT INTO officer_fts(rowid, name, cert_no, id_number)
    VALUES (new.id, new.name, new.cert_no, new.id_number);
END;
CREATE TRIGGER officer_fts_ad AFTER DELETE ON officer BEGIN
    INSERT INTO officer_fts(officer_fts, rowid, name, cert_no, id_number)
    VALUES ('delete', old.id, old.name, old.cert_no, old.id_number);
END;
CREATE TRIGGER officer_fts_au AFTER UPDATE OF name, cert_no, id_number ON officer BEGIN
    INSERT INTO officer_fts(officer_fts, rowid, name, cert_no, id_number)
    VALUES ('delete', old.id, old.name, old.cert_no, old.id_number);
    INSERT INTO officer_fts(rowid, name, cert_no, id_number)
    VALUES (new.id, new.name, new.cert_no, new.id_number);
END;
-- @postgres
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX entity_search ON entity USING gin ((coalesce(name,'')||' '||coalesce(address,'')||' '||coalesce(uscc,'')||' '||coalesce(legal_rep,'')) gin_trgm_ops);
CREATE INDEX officer_search ON officer USING gin ((coalesce(name,'')||' '||coalesce(cert_no,'')||' '||coalesce(id_number,'')) gin_trgm_ops);
