-- The 现场笔录 an item of evidence may carry (law/evidence.c): an item of the kind 勘验笔录、现场笔录
-- (record) may record the on-site check itself: its time and place, the party or the persons
-- present and who they are, and what the officers found and did; the officers are the item's
-- officers, named with their certificates, which they showed (行政处罚法 第五十五条: site_shown).
-- Recording it issues and keeps a 现场笔录 (case_site_record) for the case, numbered in the same
-- 编号 series (现) as the inspections' 现场笔录.

ALTER TABLE case_evidence ADD COLUMN site_time TEXT;    -- NULL: the item carries no 现场笔录
ALTER TABLE case_evidence ADD COLUMN site_place TEXT;   -- 检查地点
ALTER TABLE case_evidence ADD COLUMN site_present TEXT; -- 当事人或在场人及其身份
ALTER TABLE case_evidence ADD COLUMN site_scene TEXT;   -- 现场情况: what was seen and done
ALTER TABLE case_evidence ADD COLUMN site_shown INTEGER NOT NULL DEFAULT 0; -- 第五十五条
