-- How a case ends in this part (行政处罚法 第三十三条、第四十五条、第五十一条至第五十二条、
-- 第五十七条、第五十九条、第六十二条至第六十五条): the procedure, the hearing, the collective
-- discussion and the decision.
--
-- procedure: general (普通程序) | summary (简易程序, 当场处罚: decided on the spot, the record is
-- its 备案 with the agency). The hearing (听证): the day the party asked for it, the day and place
-- set with its chair (a user who did not investigate), the day it was held, and whether the party
-- stayed away without a reason (第六十五条: taken as giving up the hearing). The decision: the day,
-- the leader who decided, the penalty types and the fine (分) and the amount confiscated (分:
-- 没收违法所得、没收非法财物的价值) decided — never heavier than notified (第四十五条) —, or, for a
-- 不予行政处罚 decision, its ground (第三十三条: minor | first | no_fault), the conditions found
-- and the education given.

ALTER TABLE penalty_case ADD COLUMN procedure TEXT NOT NULL DEFAULT 'general';
ALTER TABLE penalty_case ADD COLUMN hearing_requested_on TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_on TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_place TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_chair BIGINT REFERENCES app_user(id);
ALTER TABLE penalty_case ADD COLUMN heard_on TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_absent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE penalty_case ADD COLUMN decided_on TEXT;
ALTER TABLE penalty_case ADD COLUMN decided_by BIGINT REFERENCES app_user(id);
ALTER TABLE penalty_case ADD COLUMN decision_types TEXT;
ALTER TABLE penalty_case ADD COLUMN decision_fine BIGINT;
ALTER TABLE penalty_case ADD COLUMN decision_confiscated BIGINT;
ALTER TABLE penalty_case ADD COLUMN no_penalty_ground TEXT;
ALTER TABLE penalty_case ADD COLUMN no_penalty_conditions TEXT;
ALTER TABLE penalty_case ADD COLUMN education TEXT;
CREATE INDEX penalty_case_decided ON penalty_case(decided_on);

-- 负责人集体讨论 (第五十七条): required before deciding a major or complex case.
CREATE TABLE case_discussion (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    held_on TEXT NOT NULL,
    participants TEXT NOT NULL,           -- the leaders present, 、-separated
    opinions TEXT NOT NULL,
    conclusion TEXT NOT NULL,             -- penalise | no_penalty | investigate | transfer
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_discussion_case ON case_discussion(case_id);
