-- Inspections (监督检查) with their officers and checklist items, and campaigns (专项检查) with
-- their target lists.
--
-- An inspection belongs to the agency of the user who records it: the 执法主体 whose officers
-- inspect and in whose name its documents (现场笔录, 卫生监督意见书) are issued and numbered.
-- It is visible to users whose scope holds that agency or the inspected entity's agency (a county
-- sees the city's inspections of its entities). Codes, not labels, are stored.

CREATE TABLE campaign (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    name TEXT NOT NULL,                   -- 2026年医疗美容专项检查
    line TEXT,                            -- line code, or NULL for any line
    starts_on TEXT NOT NULL,              -- YYYY-MM-DD
    ends_on TEXT NOT NULL,                -- YYYY-MM-DD
    description TEXT NOT NULL DEFAULT '',
    created_by BIGINT,                    -- app_user.id
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX campaign_agency ON campaign(agency_id, id);

CREATE TABLE campaign_target (
    campaign_id BIGINT NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entity(id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, entity_id)
);
CREATE INDEX campaign_target_entity ON campaign_target(entity_id);

CREATE TABLE inspection (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    entity_id BIGINT NOT NULL REFERENCES entity(id),
    type TEXT NOT NULL,                   -- routine | random | campaign | complaint | reinspection
    line TEXT NOT NULL,                   -- line code; its checklist was used
    inspected_on TEXT NOT NULL,           -- YYYY-MM-DD
    time_from TEXT,                       -- HH:MM, optional
    time_to TEXT,                         -- HH:MM, optional
    place TEXT NOT NULL,
    present_person TEXT,                  -- 被检查人 / 在场人 who signs the record
    present_title TEXT,                   -- their position (负责人, 院长 …)
    findings TEXT NOT NULL DEFAULT '',    -- 检查发现的问题
    outcome TEXT NOT NULL,                -- pass | rectify | refer
    rectify_by TEXT,                      -- YYYY-MM-DD, the deadline of a rectify order
    advice TEXT,                          -- further instructions for the 卫生监督意见书
    checks_id BIGINT REFERENCES inspection(id), -- the inspection a reinspection checks
    corrected INTEGER,                    -- reinspection of a rectify order: 1 corrected, 0 not
    campaign_id BIGINT REFERENCES campaign(id),
    off_target_reason TEXT,               -- campaign inspection of an entity not on its list
    created_by BIGINT,                    -- app_user.id
    created_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inspection_agency ON inspection(agency_id, inspected_on);
CREATE INDEX inspection_entity ON inspection(entity_id, inspected_on);
CREATE INDEX inspection_campaign ON inspection(campaign_id, entity_id);
CREATE INDEX inspection_due ON inspection(outcome, rectify_by);
-- A correction order is checked by one reinspection; a further one checks that reinspection.
CREATE UNIQUE INDEX inspection_checks ON inspection(checks_id);

CREATE TABLE inspection_officer (
    inspection_id BIGINT NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
    officer_id BIGINT NOT NULL REFERENCES officer(id),
    position INTEGER NOT NULL,            -- order of signing (1 = the lead officer)
    PRIMARY KEY (inspection_id, officer_id)
);
CREATE INDEX inspection_officer_officer ON inspection_officer(officer_id, inspection_id);

CREATE TABLE inspection_item (
    inspection_id BIGINT NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
    code TEXT NOT NULL,                   -- checklist item code (data/checklists.json)
    result TEXT NOT NULL,                 -- conform | nonconform | not_applicable
    note TEXT,
    PRIMARY KEY (inspection_id, code)
);
