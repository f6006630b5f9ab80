-- The summary procedure (简易程序, 行政处罚法 第五十一条、第五十二条): the place where the act was
-- found and the penalty decided on the spot, which its 当场行政处罚决定书 must state (第五十二条:
-- 时间、地点). NULL for cases of the general procedure.

ALTER TABLE penalty_case ADD COLUMN place TEXT;
