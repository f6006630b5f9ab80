-- The evidence of a penalty case (law/evidence.c): 行政处罚法 第四十六条 names its 8 kinds
-- (书证、物证、视听资料、电子数据、证人证言、当事人的陈述、鉴定意见、勘验笔录和现场笔录:
-- kind documentary | physical | audiovisual | electronic | witness | statement | expert |
-- record). An item is recorded once the case is filed (第五十四条: 立案 before the
-- investigation), with what it is, where and how it was obtained (source), the day it was
-- obtained (not before the case was received, not after the day it is recorded) and the
-- officers who obtained it: two or more of the case's investigators who may enforce on that day
-- (第四十二条), kept in case_evidence_officer.

CREATE TABLE case_evidence (
    id ID_PK,
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    kind TEXT NOT NULL,                   -- one of the 8 kinds of 第四十六条
    description TEXT NOT NULL,            -- what it is: 《医疗机构执业许可证》复印件一份
    source TEXT NOT NULL,                 -- where and how it was obtained
    obtained_on TEXT NOT NULL,            -- YYYY-MM-DD
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX case_evidence_case ON case_evidence(case_id, id);

-- The officers who obtained an item (取证人员).
CREATE TABLE case_evidence_officer (
    evidence_id BIGINT NOT NULL REFERENCES case_evidence(id),
    officer_id BIGINT NOT NULL REFERENCES officer(id),
    PRIMARY KEY (evidence_id, officer_id)
);
CREATE INDEX case_evidence_officer_officer ON case_evidence_officer(officer_id);
