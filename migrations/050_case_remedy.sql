-- Remedies against a penalty decision (law/remedy.c): 行政复议 (行政复议法 2023) and 行政诉讼
-- (行政诉讼法 2017), each a record of its own with its own workflow (kind remedy): received
-- 待答复 → answered 已答复（答辩） → ended 已审结; the hearings the agency attended (出庭应诉).
--
-- case_remedy: kind reconsideration | litigation; appeal_of: the first-instance litigation an
-- appeal (上诉) follows, NULL otherwise. known_on: the day the party knew the decision (or
-- received the 复议决定 / judgment a litigation or appeal follows) — the periods run from it;
-- filed_on: the day the party applied or sued; received_on: the day the agency received the copy
-- of the application or the complaint (its answer's period runs from it); ended_on / outcome:
-- NULL while pending — the day and what became of the decision (upheld, revoked, changed,
-- confirmed_illegal, dismissed, settled_withdrawn). The pending intervals (filed_on … ended_on)
-- are what pauses 加处罚款 (行政处罚法 第七十三条). instrument: the document that ended it
-- (decision, mediation, termination for 复议; judgment, ruling, mediation for 诉讼).
--
-- penalty_case.decision_status: what the remedies made of the case's decision: in_force,
-- revoked 撤销, changed 变更 (decision_status_reason says what it became), illegal 确认违法.

ALTER TABLE penalty_case ADD COLUMN decision_status TEXT NOT NULL DEFAULT 'in_force';
ALTER TABLE penalty_case ADD COLUMN decision_status_on TEXT;     -- YYYY-MM-DD, the remedy's end
ALTER TABLE penalty_case ADD COLUMN decision_status_reason TEXT; -- the remedy, document, change

CREATE TABLE case_remedy (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    line TEXT NOT NULL,                   -- the case's line (its answer's 文号)
    state TEXT NOT NULL,
    kind TEXT NOT NULL,                   -- reconsideration | litigation
    appeal_of BIGINT REFERENCES case_remedy(id),
    known_on TEXT NOT NULL,               -- the day the party knew (the periods run from it)
    filed_on TEXT NOT NULL,               -- the day applied / sued
    received_on TEXT NOT NULL,            -- the day the agency received the copy
    simplified INTEGER NOT NULL DEFAULT 0, -- 复议 under the simplified procedure (5 days)
    body TEXT NOT NULL,                   -- 复议机关 / 人民法院
    applicant TEXT NOT NULL,              -- 申请人 / 原告 / 上诉人
    claims TEXT,                          -- 复议请求 / 诉讼请求
    ref_no TEXT,                          -- the body's case number (案号)
    answered_on TEXT,
    answered_by TEXT,                     -- who answered (承办人)
    answer TEXT,                          -- 答复 / 答辩意见
    basis TEXT,                           -- the decision's legal basis
    evidence TEXT,                        -- the evidence submitted, one a line
    ended_on TEXT,
    outcome TEXT,
    instrument TEXT,                      -- the ending document's kind
    instrument_no TEXT,                   -- its number
    changed_to TEXT,                      -- 变更: what the decision became
    outcome_note TEXT,
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX case_remedy_case ON case_remedy(case_id, id);
CREATE INDEX case_remedy_agency ON case_remedy(agency_id, kind, ended_on);

-- 出庭应诉 (行政诉讼法 第三条第三款): each hearing of a litigation, who appeared for the agency,
-- whether its head (负责人) appeared in person, and when not, why another was entrusted.
CREATE TABLE case_remedy_hearing (
    id ID_PK,
    remedy_id BIGINT NOT NULL REFERENCES case_remedy(id),
    heard_on TEXT NOT NULL,
    appeared TEXT NOT NULL,               -- who appeared for the agency
    head INTEGER NOT NULL DEFAULT 0,      -- the head appeared in person
    entrust_reason TEXT,                  -- why not, when not
    note TEXT,
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_remedy_hearing_remedy ON case_remedy_hearing(remedy_id, heard_on);
