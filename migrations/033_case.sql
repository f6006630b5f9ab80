-- Administrative penalty cases (行政处罚案件), through the shared workflow (law/case.c): from
-- 受理 to 立案 in this migration; the investigation, review, notice and decision follow.
--
-- A case belongs to the agency that handles it and to one line (执法类别: the 医 of 武卫医罚).
-- source names where it came from (inspection | task | complaint | referral | assigned |
-- monitoring | other) and source_id the inspection, task or complaint, so both pages link each
-- other. The party is a registry entity or a described one (无证行医). act_on is the day of the
-- act, or the day a continuing act ended, and found_on the day it was discovered: the limitation
-- of 行政处罚法 第三十六条 (2 years; 5 when it concerns life and health and caused harm: harm = 1)
-- is counted between them. number is drawn at 立案 from the agency's 罚 sequence of the line and
-- year (document.h: document_number) and is the 文号 the decision will carry.

CREATE TABLE penalty_case (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    number TEXT,                          -- 武卫医罚〔2026〕12号, from 立案
    line TEXT NOT NULL,                   -- catalog lines
    source TEXT NOT NULL,
    source_id BIGINT,
    entity_id BIGINT REFERENCES entity(id),
    party_name TEXT NOT NULL,             -- the entity's name, or the party described
    party_kind TEXT NOT NULL,             -- citizen | organisation
    party_address TEXT,
    summary TEXT NOT NULL,                -- 案由 and the facts found so far
    act_on TEXT NOT NULL,                 -- YYYY-MM-DD
    harm INTEGER NOT NULL DEFAULT 0,      -- life and health concerned, with harm: 5 years
    found_on TEXT NOT NULL,
    received_on TEXT NOT NULL,            -- 受理
    state TEXT NOT NULL,
    proposed_by BIGINT REFERENCES app_user(id),
    filed_on TEXT,
    decline_reason TEXT,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX penalty_case_number ON penalty_case(agency_id, number);
CREATE INDEX penalty_case_agency ON penalty_case(agency_id, received_on);
CREATE INDEX penalty_case_source ON penalty_case(source, source_id);
CREATE INDEX penalty_case_entity ON penalty_case(entity_id);

-- The officers who investigate a case (承办人员): two or more who may enforce, none on the
-- party's 回避 list (第四十二条、第四十三条).
CREATE TABLE case_officer (
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    officer_id BIGINT NOT NULL REFERENCES officer(id),
    PRIMARY KEY (case_id, officer_id)
);
CREATE INDEX case_officer_officer ON case_officer(officer_id);
