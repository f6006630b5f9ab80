-- The power list (权责清单) and the discretion baselines of its penalty items (行政处罚裁量基准,
-- 行政处罚法 第三十四条), law/power.c and law/discretion.c.
--
-- An item belongs to the agency that issues it and is shared down its tree: staff see their own
-- subtree's items and their ancestors'. A penalty item carries its penalty terms: the types of
-- 第九条 it allows (codes, comma-separated) and its fine range, in fen (分), as an amount, and/or
-- as a multiple of 违法所得 in hundredths (500 = 5倍).
--
-- A baseline is versioned: a version takes effect on its date and is never changed once in force
-- (a change is a new version), so "the baseline in force on a day" is the latest version whose
-- effective_on is on or before that day. Its levels (轻微/一般/较重/严重 …) are in order of
-- severity (position from 1), each with its conditions and its own terms within the item's.

CREATE TABLE power_item (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    code TEXT NOT NULL,                   -- 事项编码, unique within the agency
    name TEXT NOT NULL,                   -- 事项名称
    kind TEXT NOT NULL,                   -- licensing | penalty | coercion | inspection | …
    line TEXT NOT NULL,                   -- professional line code
    basis TEXT NOT NULL,                  -- 设定依据
    violated TEXT,                        -- penalty: 违法条款
    penalty_basis TEXT,                   -- penalty: 处罚条款
    penalty_types TEXT,                   -- penalty: warning,fine,confiscation,…
    fine_min BIGINT,                      -- fen; NULL: no amount range
    fine_max BIGINT,
    mult_min BIGINT,                      -- hundredths of 违法所得; NULL: no multiple range
    mult_max BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX power_item_code ON power_item(agency_id, code);
CREATE INDEX power_item_kind_line ON power_item(kind, line);

CREATE TABLE discretion_version (
    id ID_PK,
    power_item_id BIGINT NOT NULL REFERENCES power_item(id),
    number BIGINT NOT NULL,               -- 第1版, 第2版 … per item
    effective_on TEXT NOT NULL,           -- YYYY-MM-DD
    source TEXT,                          -- 制定文件及文号
    created_by BIGINT,                    -- app_user.id
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX discretion_version_number ON discretion_version(power_item_id, number);
CREATE UNIQUE INDEX discretion_version_day ON discretion_version(power_item_id, effective_on);

CREATE TABLE discretion_level (
    id ID_PK,
    version_id BIGINT NOT NULL REFERENCES discretion_version(id),
    position BIGINT NOT NULL,             -- 1 = the lightest
    name TEXT NOT NULL,                   -- 轻微, 一般, 较重, 严重 …
    conditions TEXT NOT NULL,             -- 适用情形
    penalty TEXT,                         -- 裁量标准 in words
    penalty_types TEXT,                   -- a subset of the item's
    fine_min BIGINT,
    fine_max BIGINT,
    mult_min BIGINT,
    mult_max BIGINT
);
CREATE UNIQUE INDEX discretion_level_position ON discretion_level(version_id, position);
