-- A case's prior notice (行政处罚事先告知, 行政处罚法 第四十四条、第四十五条、第六十二条至第六十四条):
-- the day it was given, whether the penalty proposed gives the party a right to a hearing
-- (第六十三条), and the day the party waived in writing its statement and defence (and hearing).

ALTER TABLE penalty_case ADD COLUMN notified_on TEXT;
ALTER TABLE penalty_case ADD COLUMN hearing_right INTEGER NOT NULL DEFAULT 0;
ALTER TABLE penalty_case ADD COLUMN waived_on TEXT;
