-- The party's statement and defence (当事人的陈述、申辩, 行政处罚法 第四十五条; law/case_statement.c):
-- recorded by an investigator of the case from the prior notice until the decision, each with the
-- day, how it was made (书面 written | 口头 oral), what the party said, and the investigators'
-- review of it (复核意见: adopted 采纳 | partial 部分采纳 | rejected 不予采纳) with its reasons. A
-- statement does not end the statement window: the party may add more until the decision, which
-- prints them all in its section 陈述、申辩（听证）情况. Each is issued as a 陈述和申辩笔录.

CREATE TABLE case_statement (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    stated_on TEXT NOT NULL,              -- YYYY-MM-DD: not before the notice, not after today
    how TEXT NOT NULL,                    -- written | oral
    statement TEXT NOT NULL,              -- the party's statement and defence
    review TEXT NOT NULL,                 -- adopted | partial | rejected
    review_reason TEXT,                   -- required unless adopted
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_statement_case ON case_statement(case_id, id);
