-- 证据先行登记保存 (行政处罚法 第五十六条; law/preservation.c): "在证据可能灭失或者以后难以取得的
-- 情况下，经行政机关负责人批准，可以先行登记保存，并应当在七个工作日内及时作出处理决定".
--
-- A preservation belongs to a filed case (case_id) and its agency; its own workflow (kind
-- preservation): requested 待批准 → preserved 已先行登记保存 (a leader apart from the case approves:
-- 证据先行登记保存决定书, and the 7 working days of the 处理决定 start) or refused 不予批准; then
-- disposed 已作出处理决定 (证据先行登记保存处理决定书). line is the case's (the 执法类别 of the two
-- documents' 文号). items is a JSON array [{"name","spec","quantity"}] (物品名称、规格、数量), place
-- where they are kept (保存地点), reason why the evidence may be lost or hard to obtain later.
-- disposal: return | test | transfer | confiscate | release.

CREATE TABLE case_preservation (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    line TEXT NOT NULL,                   -- the case's line
    state TEXT NOT NULL,
    items TEXT NOT NULL,                  -- JSON [{"name","spec","quantity"}]
    place TEXT NOT NULL,                  -- 保存地点
    reason TEXT NOT NULL,                 -- why the evidence may be lost or hard to obtain later
    requested_on TEXT NOT NULL,           -- YYYY-MM-DD
    requested_by BIGINT REFERENCES app_user(id),
    approved_on TEXT,
    approved_by BIGINT REFERENCES app_user(id),
    disposal TEXT,                        -- the 处理决定's outcome
    disposed_on TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX case_preservation_case ON case_preservation(case_id, id);
CREATE INDEX case_preservation_agency ON case_preservation(agency_id, state);
