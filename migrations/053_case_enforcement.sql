-- Enforcement of a penalty decision through the people's court and the confiscated goods
-- (行政强制法 第三十五条、第三十六条、第五十三条至第五十五条; 行政处罚法 第七十二条、第七十四条;
-- law/case_enforcement.c): the 催告 served on the party with what it owed that day, the
-- application to the court with its window, the court's rulings and the end of its execution,
-- and each item of the 非法财物 the decision confiscated with its disposal. Amounts the court
-- recovers are payments of case_payment (how = 'court'): one ledger.

CREATE TABLE case_reminder (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    reminded_on TEXT NOT NULL,            -- YYYY-MM-DD: the 催告书's date
    served_on TEXT NOT NULL,              -- the day it was served on the party
    method TEXT NOT NULL,                 -- direct | left | post | electronic | notice
    recipient TEXT,
    fine_owed BIGINT NOT NULL,            -- 分 unpaid of the fine on reminded_on
    surcharge_owed BIGINT NOT NULL,       -- 分 of 加处罚款 owed through reminded_on
    confiscated_owed BIGINT NOT NULL,     -- 分 unpaid of the amount confiscated
    perform_by TEXT NOT NULL,             -- 10 working days after served_on (第五十四条、第六十九条)
    note TEXT,
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_reminder_case ON case_reminder(case_id, id);

CREATE TABLE case_court_application (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    reminder_id BIGINT NOT NULL REFERENCES case_reminder(id),
    applied_on TEXT NOT NULL,
    court TEXT NOT NULL,                  -- the people's court applied to
    fine_amount BIGINT NOT NULL,          -- 分 applied for, as owed on applied_on
    surcharge_amount BIGINT NOT NULL,
    confiscated_amount BIGINT NOT NULL,
    window_opens_on TEXT NOT NULL,        -- the day after the party's last period to challenge
    apply_by TEXT NOT NULL,               -- three months on (第五十三条)
    late INTEGER NOT NULL DEFAULT 0,      -- applied after apply_by
    status TEXT NOT NULL,                 -- applied | granted | refused | round_ended | completed | terminated
    note TEXT,
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_court_application_case ON case_court_application(case_id, id);

CREATE TABLE case_court_outcome (
    id ID_PK,
    application_id BIGINT NOT NULL REFERENCES case_court_application(id),
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    outcome TEXT NOT NULL,                -- granted | refused | completed | terminated | round_ended
    decided_on TEXT NOT NULL,
    doc_no TEXT NOT NULL,                 -- the ruling's or notice's number
    reason TEXT,                          -- why not granted, why ended
    recovered BIGINT NOT NULL DEFAULT 0,  -- 分 recovered, recorded in case_payment
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_court_outcome_case ON case_court_outcome(case_id, id);

CREATE TABLE case_goods (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    name TEXT NOT NULL,
    quantity TEXT NOT NULL,               -- a number as typed: 20, 1.5
    unit TEXT NOT NULL,                   -- 支, 盒, 台
    value BIGINT,                         -- 分, estimated; NULL: not estimated
    note TEXT,
    disposal TEXT,                        -- NULL until disposed: destroy | auction | transfer | other
    disposed_on TEXT,
    present TEXT,                         -- the officers (and others) present
    record_no TEXT,                       -- the disposal record's number
    proceeds BIGINT,                      -- 分, an auction's proceeds
    treasury_receipt TEXT,                -- the receipt of the proceeds paid to the treasury
    receiver TEXT,                        -- the department it was handed to
    disposal_note TEXT,
    created_by BIGINT REFERENCES app_user(id),
    disposed_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_goods_case ON case_goods(case_id, id);
