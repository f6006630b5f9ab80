-- 双随机、一公开 (国办发〔2015〕58号): the published list of check items, random-check plans with
-- their frozen pools and commitments, the tasks drawn with their teams, and entities' 回避 lists.

-- 随机抽查事项清单: a plan may only use published items.
CREATE TABLE check_list_item (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    code TEXT NOT NULL,                   -- 事项编码, unique within the agency
    name TEXT NOT NULL,                   -- 抽查事项
    line TEXT NOT NULL,                   -- professional line code
    basis TEXT NOT NULL,                  -- 抽查依据 (laws and articles)
    subtypes TEXT NOT NULL DEFAULT '',    -- 抽查对象: entity sub-type codes, comma-separated
    method TEXT NOT NULL,                 -- 抽查方式: onsite,document,online,sampling
    ratio_bp INTEGER,                     -- 抽查比例 in basis points (500 = 5%), or NULL
    frequency TEXT,                       -- 抽查频次 (每年1次)
    published INTEGER NOT NULL DEFAULT 0, -- on the public list
    published_on TEXT,                    -- YYYY-MM-DD
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (agency_id, code)
);

-- A random-check plan: draft → committed (pool frozen, commitment published) → drawn.
CREATE TABLE draw_plan (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    name TEXT NOT NULL,
    level TEXT NOT NULL,                  -- national | province | city | county | joint
    year INTEGER NOT NULL,
    line TEXT NOT NULL,
    pool_subtypes TEXT NOT NULL DEFAULT '',   -- entity sub-types ('' = any)
    pool_division TEXT,                       -- 行政区划 code prefix, or NULL
    pool_grades TEXT NOT NULL DEFAULT '',     -- risk grades A,B,C,D and - (none); '' = any
    pool_statuses TEXT NOT NULL DEFAULT 'open', -- entity statuses
    quota_count INTEGER,                  -- draw this many …
    ratio_bp INTEGER,                     -- … or this share, in basis points
    grade_ratios TEXT NOT NULL DEFAULT '',-- per risk grade, "A:300,D:2000": drawn per grade
    starts_on TEXT NOT NULL,              -- the plan's date: officers must be able to enforce then
    deadline TEXT NOT NULL,               -- tasks are due by then
    joint_departments TEXT,               -- 部门联合抽查: the other departments
    joint_inspectors TEXT,                -- and their inspectors
    officer_agencies TEXT NOT NULL,       -- ids of the agencies whose officers are drawn, comma-separated
    team_size INTEGER NOT NULL DEFAULT 2, -- officers per task (≥ 2)
    officer_cap INTEGER NOT NULL DEFAULT 0,  -- most open tasks per officer (0: none)
    entity_cap INTEGER NOT NULL DEFAULT 2,   -- random checks per entity per year and level (国办发〔2024〕54号)
    state TEXT NOT NULL DEFAULT 'draft',  -- draft | committed | drawn
    pool_size INTEGER,                    -- entities in the frozen pool
    pool_hash TEXT,                       -- the commitment: SHA-256 of the snapshot
    seed_source TEXT,                     -- where the seed will come from (announced with the commitment)
    committed_at BIGINT,
    committed_by TEXT,
    seed TEXT,                            -- the seed entered at the draw
    drawn_at BIGINT,
    drawn_by TEXT,
    warnings TEXT,                        -- JSON array of the draw's warnings
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX draw_plan_agency ON draw_plan(agency_id, year);

CREATE TABLE draw_plan_item (
    plan_id BIGINT NOT NULL REFERENCES draw_plan(id) ON DELETE CASCADE,
    item_id BIGINT NOT NULL REFERENCES check_list_item(id),
    PRIMARY KEY (plan_id, item_id)
);

-- The frozen pool of a committed plan: the snapshot's lines.
CREATE TABLE draw_pool (
    plan_id BIGINT NOT NULL REFERENCES draw_plan(id) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entity(id),
    name TEXT NOT NULL,                   -- public name (a person's masked)
    stratum TEXT,                         -- risk grade or '-' when drawn per grade, else NULL
    PRIMARY KEY (plan_id, entity_id)
);

-- The officers a committed plan may draw, with their standing on the plan's date.
CREATE TABLE draw_officer (
    plan_id BIGINT NOT NULL REFERENCES draw_plan(id) ON DELETE CASCADE,
    officer_id BIGINT NOT NULL REFERENCES officer(id),
    name TEXT NOT NULL,
    why_not TEXT,                         -- NULL when eligible, else why not
    open_tasks INTEGER NOT NULL DEFAULT 0, -- tasks the officer held open at the commitment
    PRIMARY KEY (plan_id, officer_id)
);

-- Every commitment a plan published, withdrawn ones included.
CREATE TABLE draw_commitment (
    id ID_PK,
    plan_id BIGINT NOT NULL REFERENCES draw_plan(id) ON DELETE CASCADE,
    pool_hash TEXT NOT NULL,
    pool_size INTEGER NOT NULL,
    seed_source TEXT NOT NULL,
    committed_at BIGINT NOT NULL,
    withdrawn_at BIGINT,
    withdraw_reason TEXT
);
CREATE INDEX draw_commitment_plan ON draw_commitment(plan_id, id);

-- 抽查任务: one drawn entity with its team and deadline.
CREATE TABLE task (
    id ID_PK,
    plan_id BIGINT NOT NULL REFERENCES draw_plan(id),
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    seq INTEGER NOT NULL,                 -- task number in draw order, from 1
    entity_id BIGINT NOT NULL REFERENCES entity(id),
    stratum TEXT,                         -- risk grade drawn under (per-grade plans)
    state TEXT NOT NULL DEFAULT 'pending',-- pending 待检查 | inspected 已检查 | published 已公示
                                          -- | unable 无法检查 (law/task.c: the workflow)
    reason TEXT,                          -- unable: suspended | closed | not_found | other
    reason_text TEXT,                     -- the recorded lawful reason in words
    deadline TEXT NOT NULL,               -- YYYY-MM-DD
    avoid TEXT NOT NULL DEFAULT '',       -- officer ids on the entity's 回避 list at the draw
    prev_team TEXT NOT NULL DEFAULT '',   -- officer ids of the entity's previous random check
    repeat_team INTEGER NOT NULL DEFAULT 0, -- the previous team had to serve again
    inspection_id BIGINT,                 -- the inspection that completed it
    inspected_on TEXT,                    -- YYYY-MM-DD of that inspection
    outcome TEXT,                         -- its result: pass | rectify (责令整改) | refer (立案)
    published_on TEXT,                    -- YYYY-MM-DD the result was published
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (plan_id, seq),
    UNIQUE (plan_id, entity_id)
);
CREATE INDEX task_entity ON task(entity_id, id);
CREATE INDEX task_agency ON task(agency_id, state);

CREATE TABLE task_officer (
    task_id BIGINT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    officer_id BIGINT NOT NULL REFERENCES officer(id),
    PRIMARY KEY (task_id, officer_id)
);
CREATE INDEX task_officer_officer ON task_officer(officer_id, task_id);

-- 回避 (行政处罚法 第四十三条): officers who must not check an entity.
CREATE TABLE entity_avoid (
    entity_id BIGINT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    officer_id BIGINT NOT NULL REFERENCES officer(id),
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (entity_id, officer_id)
);
