-- The execution of a penalty decision (行政处罚法 第六十六条至第七十三条; law/case_execution.c):
-- the day the party received the decision (自收到之日起十五日内缴纳, 第六十七条), what is due by
-- when — the whole fine by the fifteenth day, or the deferral or instalments approved under
-- 第六十六条 (a new schedule supersedes the old one, which is kept) — and every payment: of the
-- fine, of the amount confiscated, or of the 加处罚款 (第七十二条), paid at the bank or, within
-- 第六十八条/第六十九条, collected on the spot against a receipt (第七十条) and handed in within
-- two working days (第七十一条). executed_on: the day everything due was paid.

ALTER TABLE penalty_case ADD COLUMN decision_received_on TEXT;
ALTER TABLE penalty_case ADD COLUMN executed_on TEXT;

CREATE TABLE case_instalment (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    schedule INTEGER NOT NULL,            -- 1: the first (15 days); each approval adds one
    last_day TEXT NOT NULL,               -- YYYY-MM-DD: the last day to pay this part
    amount BIGINT NOT NULL,               -- 分 of the fine
    created_at BIGINT NOT NULL
);
CREATE INDEX case_instalment_case ON case_instalment(case_id, schedule);

CREATE TABLE case_payment (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    kind TEXT NOT NULL,                   -- fine | confiscated | surcharge
    amount BIGINT NOT NULL,               -- 分
    paid_on TEXT NOT NULL,                -- YYYY-MM-DD
    how TEXT NOT NULL,                    -- bank 银行缴纳 | spot 当场收缴
    receipt_no TEXT,                      -- the bank's or the 专用票据's number
    handed_in_on TEXT,                    -- spot: the day the cash reached the agency / bank
    note TEXT,
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_payment_case ON case_payment(case_id, id);
