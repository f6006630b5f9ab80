-- Information disclosure requests (依申请公开) under 政府信息公开条例 (2019), through the shared
-- workflow (law/disclosure.c).
--
-- A request belongs to the agency that received it. The applicant (a person or an organisation:
-- name, id number, contact, address) is one sealed value (base/crypto.h), as a petitioner is.
-- answer_type is the kind of answer of 第三十六条/第三十七条 (codes, not labels); reason the
-- statutory ground of a 不予公开 or 不予处理; body the agency named by a 非本机关负责 answer.
-- A deadline may be paused (wf_deadline.paused_on: the day it stopped counting): a third-party
-- consultation's time is not counted in the 答复期限 (第三十二条、第三十四条).

CREATE TABLE disclosure_request (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    number TEXT NOT NULL,                 -- 依申〔2026〕12号: per agency and year
    channel TEXT NOT NULL,                -- in_person | post | online | fax | email
    received_on TEXT NOT NULL,            -- YYYY-MM-DD
    content TEXT NOT NULL,                -- the information asked for
    purpose TEXT,                         -- optional
    applicant TEXT NOT NULL,              -- sealed {name, id_number, phone, address}
    state TEXT NOT NULL,
    answer_type TEXT,                     -- published | disclose | partial | withhold | …
    answer TEXT,                          -- the answer's text
    reason TEXT,                          -- the ground of a withholding or a 不予处理
    body TEXT,                            -- the agency responsible (非本机关负责)
    corrected_on TEXT,                    -- the day the applicant corrected (补正)
    answered_on TEXT,
    created_by BIGINT,                    -- app_user.id
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX disclosure_request_number ON disclosure_request(agency_id, number);
-- the figures of a period are read from this index alone
CREATE INDEX disclosure_request_figures ON disclosure_request(agency_id, received_on, channel,
    state, answer_type);

-- The day an open deadline stopped counting, or NULL (law/workflow.h: pauses, resumes).
ALTER TABLE wf_deadline ADD COLUMN paused_on TEXT;
