-- 被检查人拒绝签名: the officers note on the 现场笔录 that the party refused to sign, and how it was
-- witnessed (卫生行政执法文书规范; 行政处罚法 第五十五条). NULL: the party signed.
ALTER TABLE inspection ADD COLUMN refused_sign TEXT;
