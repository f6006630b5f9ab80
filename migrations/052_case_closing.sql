-- The closing of a penalty case (结案; law/case_closing.c): once the pre-closing check finds the
-- file complete, a head apart from the case approves the 结案报告 the handler prepared. The case
-- keeps the day, who approved, the summary of the execution and the reason to close, and — when
-- the decision was not carried out — the lawful ground (行政强制法 第四十条: the decision
-- revoked, the party dead or ended with nothing to execute on, the object lost; or the case sent
-- to the judicial organs) with its facts. case_copy: the bodies the decision was copied to (抄送).

ALTER TABLE penalty_case ADD COLUMN closed_on TEXT;               -- YYYY-MM-DD
ALTER TABLE penalty_case ADD COLUMN closed_by BIGINT REFERENCES app_user(id);
ALTER TABLE penalty_case ADD COLUMN closing_summary TEXT;         -- 执行情况及结案理由
ALTER TABLE penalty_case ADD COLUMN closing_ground TEXT;          -- NULL: executed; else a code
ALTER TABLE penalty_case ADD COLUMN closing_ground_note TEXT;     -- the facts of the ground

CREATE TABLE case_copy (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    body TEXT NOT NULL,                   -- the body the decision was copied to
    copied_on TEXT NOT NULL,              -- YYYY-MM-DD
    how TEXT NOT NULL,                    -- how it was sent: 邮寄, 直接送达, 电子 …
    created_at BIGINT NOT NULL
);
CREATE INDEX case_copy_case ON case_copy(case_id, id);
