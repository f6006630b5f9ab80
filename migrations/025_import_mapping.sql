-- How the columns of a file exported by another system feed landun's fields, saved per agency so
-- that a clerk maps them once: the 12345 hotline platform's work orders (kind complaint_hotline)
-- name their columns differently from city to city (工单编号, 来电时间 or 受理时间, …).
CREATE TABLE import_mapping (
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    kind TEXT NOT NULL,                   -- what is imported: complaint_hotline
    mapping_json TEXT NOT NULL,           -- {"columns": {"external_no": "工单编号", …},
                                          --  "line": "medical", "matter": "other"}
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES app_user(id), -- NULL: the system
    PRIMARY KEY (agency_id, kind)
);
