-- A period that is the party's, not the agency's (the 陈述、申辩 of 行政处罚法 第四十五条): it runs
-- out by itself on its last day, is never overdue and is not among the agency's deadlines
-- (wf_deadlines, the start page's 逾期 counts).

ALTER TABLE wf_deadline ADD COLUMN party INTEGER NOT NULL DEFAULT 0;
UPDATE wf_deadline SET party = 1 WHERE kind = 'case' AND name = 'defence';
