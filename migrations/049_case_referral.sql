-- The referral of a case to the police (涉嫌犯罪案件移送, 行刑衔接; 行政处罚法 第二十七条,
-- 行政执法机关移送涉嫌犯罪案件的规定 国务院令第310号; law/referral.c). A record of its own attached
-- to a case, with its own workflow (kind referral):
--   reported 待批准 → approved 已批准移送 (the head, within 3 days of the report, 第五条) or
--   refused 不批准 (final); approved → sent 已移送 (the 涉嫌犯罪案件移送书, 文号 of nature 移送);
--   sent → received 公安已接收; received → filed 公安已立案 | declined 公安不予立案 (with the
--   reason, 第八条); declined → reconsider (复议 within 3 days, 第九条: state unchanged);
--   follow_up (state unchanged); filed / declined → closed 已办结 (final) with the outcome.
-- crime: the suspected crime (涉嫌罪名); facts; organ: the receiving public security organ;
-- goods: JSON [{"name","spec","quantity"}] (涉案物品). The persons referred are in
-- case_referral_person, each ID number sealed under the data key (base/crypto.h), as complaints
-- keep their complainants: only the case's investigators and leaders see it.

CREATE TABLE case_referral (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    line TEXT NOT NULL,                   -- the case's line (the 执法类别 of the 移送书's 文号)
    state TEXT NOT NULL,
    crime TEXT NOT NULL,                  -- 涉嫌罪名
    facts TEXT NOT NULL,                  -- the facts of the suspected crime
    organ TEXT NOT NULL,                  -- 受移送的公安机关
    goods TEXT NOT NULL,                  -- JSON [{"name","spec","quantity"}]
    reported_on TEXT NOT NULL,            -- YYYY-MM-DD: the investigators' report
    reported_by BIGINT REFERENCES app_user(id),
    approved_on TEXT,
    approved_by BIGINT REFERENCES app_user(id),
    sent_on TEXT,
    received_on TEXT,                     -- the police's receipt
    receipt TEXT,                         -- who signed it, its number
    answer TEXT,                          -- filed 立案 | declined 不予立案
    answered_on TEXT,
    answer_reason TEXT,                   -- required when declined
    reconsider_on TEXT,                   -- 复议 asked of a 不予立案 (第九条)
    outcome TEXT,                         -- 办结 with its outcome
    closed_on TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX case_referral_case ON case_referral(case_id, id);
CREATE INDEX case_referral_sent ON case_referral(agency_id, sent_on);

CREATE TABLE case_referral_person (
    id ID_PK,
    referral_id BIGINT NOT NULL REFERENCES case_referral(id),
    name TEXT NOT NULL,
    id_number TEXT NOT NULL               -- sealed (base/crypto.h seal_text)
);
CREATE INDEX case_referral_person_referral ON case_referral_person(referral_id, id);
