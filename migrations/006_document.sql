-- The register of issued enforcement documents (卫生行政执法文书) and their numbers: a 文号
-- (武卫医监〔2026〕3号) or a 编号 (现2026-0003), from law/document.c through the shared counters
-- (migration 003), so a number is never given twice nor skipped.

CREATE TABLE document (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id), -- the issuing agency
    type TEXT NOT NULL,                   -- code from data/doc_types.json: site_record …
    line TEXT,                            -- professional line (执法类别 of a 文号), or NULL
    number TEXT NOT NULL,                 -- the 文号 or 编号 as printed
    year INTEGER NOT NULL,                -- the year that numbers it
    seq BIGINT NOT NULL,                  -- its place in the year's sequence
    date TEXT NOT NULL,                   -- YYYY-MM-DD of issue
    object_type TEXT NOT NULL,            -- the record it belongs to: inspection, case …
    object_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT,                    -- app_user.id; NULL for the system
    UNIQUE (agency_id, number)
);
CREATE INDEX document_object ON document(object_type, object_id);
