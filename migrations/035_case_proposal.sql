-- A case's proposed penalty, from the end of its investigation (案件调查终结报告): the penalty item
-- of the power list (权责清单) it applies, the version of its discretion baseline in force that
-- day (kept: a later version does not change it) and the level chosen, the penalty types and the
-- fine (分), the reason when the proposal goes outside the level (legal review sees it), whether
-- the case is major or complex, and whether a legal review (行政处罚法 第五十八条) is required.

ALTER TABLE penalty_case ADD COLUMN power_item_id BIGINT REFERENCES power_item(id);
ALTER TABLE penalty_case ADD COLUMN baseline_version_id BIGINT REFERENCES discretion_version(id);
ALTER TABLE penalty_case ADD COLUMN baseline_level TEXT;
ALTER TABLE penalty_case ADD COLUMN penalty_types TEXT;
ALTER TABLE penalty_case ADD COLUMN fine BIGINT;
ALTER TABLE penalty_case ADD COLUMN outside_reason TEXT;
ALTER TABLE penalty_case ADD COLUMN major INTEGER NOT NULL DEFAULT 0;
ALTER TABLE penalty_case ADD COLUMN review_required INTEGER NOT NULL DEFAULT 0;
