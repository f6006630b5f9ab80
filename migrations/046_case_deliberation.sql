-- The case team's deliberation (合议, 卫生行政执法文书规范: 合议记录; law/case_deliberation.c):
-- before 调查终结 the investigators and the officers who join them (at least the setting
-- case.deliberation_min, default 3) weigh the facts, the evidence and the law, each opinion is
-- recorded (a dissent as it was said), and the deliberation concludes: penalise 给予行政处罚 |
-- no_penalty 不予行政处罚 | investigate 补充调查. Each is issued as a 合议记录. The participants
-- are kept as they were printed (name and 执法证号), since an officer's record may change later.

CREATE TABLE case_deliberation (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    held_on TEXT NOT NULL,                -- YYYY-MM-DD: not before 立案, not after today
    host TEXT NOT NULL,                   -- 主持人: one of the participants, name (执法证号)
    recorder TEXT NOT NULL,               -- 记录人
    participants TEXT NOT NULL,           -- 、-separated: name (执法证号)
    facts TEXT NOT NULL,                  -- the facts, evidence and law deliberated
    opinions TEXT NOT NULL,               -- each participant's opinion
    conclusion TEXT NOT NULL,             -- penalise | no_penalty | investigate
    conclusion_note TEXT NOT NULL,        -- 合议意见: the penalty and its reasons
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_deliberation_case ON case_deliberation(case_id, id);
