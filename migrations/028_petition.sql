-- Petitions (信访) under 信访工作条例 (2022), through the shared workflow (law/petition.c).
--
-- A petition belongs to the agency that received it. The petitioner's identity and contact are one
-- sealed value (base/crypto.h), as a complainant's are. previous_id names the same matter
-- petitioned before (a 复查/复核 chain is one petition; a new petition on a matter closed after
-- 复核 is not accepted again, 第三十六条). complaint_id links a petition that is a complaint in
-- substance to the complaint it became, and complaint.petition_id links back. Codes, not labels.

CREATE TABLE petition (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    number TEXT NOT NULL,                 -- 信访〔2026〕12号: per agency and year
    form TEXT NOT NULL,                   -- letter | visit | phone | online
    received_on TEXT NOT NULL,            -- YYYY-MM-DD
    content TEXT NOT NULL,                -- the content category (医患纠纷 …)
    summary TEXT NOT NULL,
    people INTEGER NOT NULL DEFAULT 1,    -- how many came or signed: 集体访 from 5
    anonymous INTEGER NOT NULL DEFAULT 0, -- online only
    petitioner TEXT,                      -- sealed {name, phone, id_number, address}
    state TEXT NOT NULL,
    leader_id BIGINT REFERENCES app_user(id),  -- 领导包案
    handler_id BIGINT REFERENCES app_user(id), -- 承办人
    transferred_to TEXT,                  -- the body it was sent to (转送)
    answer TEXT,                          -- 处理意见
    answered_on TEXT,
    review_answer TEXT,                   -- 复查意见
    review_answered_on TEXT,
    recheck_answer TEXT,                  -- 复核意见
    recheck_answered_on TEXT,
    previous_id BIGINT REFERENCES petition(id),
    complaint_id BIGINT REFERENCES complaint(id),
    satisfaction TEXT,                    -- satisfied | fairly | dissatisfied
    closed_on TEXT,
    created_by BIGINT,                    -- app_user.id
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX petition_number ON petition(agency_id, number);
-- the figures of a period are read from this index alone
CREATE INDEX petition_figures ON petition(agency_id, received_on, form, content, state,
    satisfaction);
CREATE INDEX petition_work ON petition(handler_id, received_on);
CREATE INDEX petition_leader ON petition(leader_id, received_on);
CREATE INDEX petition_previous ON petition(previous_id);

ALTER TABLE complaint ADD COLUMN petition_id BIGINT REFERENCES petition(id);
-- An extended deadline keeps the last day it had before (信访工作条例 第三十四条: 延长).
ALTER TABLE wf_deadline ADD COLUMN original_due_on TEXT;
