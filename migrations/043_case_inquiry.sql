-- The inquiry an item of evidence may carry (询问笔录; law/evidence.c): an item of the kind
-- 当事人的陈述 (statement) or 证人证言 (witness) may record the inquiry itself: the person asked
-- (name, ID number or role, relation to the party), its time and place, and the questions and
-- answers; the officers who asked are the item's officers, named with their certificates, which
-- they showed to the person asked (行政处罚法 第五十五条: inquiry_shown). Recording it issues and
-- keeps a 询问笔录 (numbered 询) for the case.

ALTER TABLE case_evidence ADD COLUMN inquiry_person TEXT;   -- NULL: the item carries no inquiry
ALTER TABLE case_evidence ADD COLUMN inquiry_identity TEXT; -- ID number or role (职务)
ALTER TABLE case_evidence ADD COLUMN inquiry_relation TEXT; -- relation to the party
ALTER TABLE case_evidence ADD COLUMN inquiry_time TEXT;     -- 09:30至10:15 on obtained_on
ALTER TABLE case_evidence ADD COLUMN inquiry_place TEXT;
ALTER TABLE case_evidence ADD COLUMN inquiry_qa TEXT;       -- the questions and answers
ALTER TABLE case_evidence ADD COLUMN inquiry_shown INTEGER NOT NULL DEFAULT 0; -- 第五十五条
