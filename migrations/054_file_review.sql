-- The case-file audit (案卷评查, law/file_review.c): auditors score closed penalty case files
-- against a rubric (data/review_rubric.json, or one an agency loaded: review_rubric, each load a
-- new version that never changes), grade them, mark 优秀案卷, and return findings to the case's
-- handlers for correction (补正) with a deadline.
--
-- file_review: agency_id is the case's agency (the scope: the case's agency and those above it
-- see the review), reviewer_agency_id the reviewer's; state reviewing 评查中 → reviewed 已评查 →
-- correcting 补正中 → answered 补正待确认 → corrected 已补正, or lapsed 逾期未补正. total and
-- grade are set when the review is completed; grade top | pass | fail, grade_label as the
-- scheme in force then printed it (优秀 / 甲 …).

CREATE TABLE review_rubric (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    version TEXT NOT NULL,                -- the agency's name for this version
    title TEXT NOT NULL,
    body TEXT NOT NULL,                   -- the rubric as JSON (docs/review.md)
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX review_rubric_version ON review_rubric(agency_id, version);

CREATE TABLE file_review_sample (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id), -- the subtree drawn from
    period_from TEXT NOT NULL,            -- files whose decision falls in [from, to]
    period_to TEXT NOT NULL,
    size INTEGER NOT NULL,                -- N asked for
    seed TEXT NOT NULL,                   -- the seed (draw_key), so anyone can draw it again
    pool INTEGER NOT NULL,                -- auditable files in the period
    case_ids TEXT NOT NULL,               -- the files drawn, comma list in draw order
    created_by BIGINT REFERENCES app_user(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE file_review (
    id ID_PK,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    reviewer_agency_id BIGINT NOT NULL REFERENCES agency(id),
    case_id BIGINT NOT NULL REFERENCES penalty_case(id),
    line TEXT NOT NULL,                   -- the case's line
    state TEXT NOT NULL,
    reviewer_id BIGINT NOT NULL REFERENCES app_user(id),
    reviewed_on TEXT NOT NULL,            -- YYYY-MM-DD
    rubric_id BIGINT REFERENCES review_rubric(id), -- NULL: the built-in rubric
    rubric_version TEXT NOT NULL,
    total INTEGER,                        -- points, once completed
    grade TEXT,                           -- top | pass | fail
    grade_label TEXT,
    excellent INTEGER NOT NULL DEFAULT 0, -- 优秀案卷
    findings TEXT,                        -- the reviewer's overall opinion
    sample_id BIGINT REFERENCES file_review_sample(id),
    correction_answer TEXT,               -- what the handler says was corrected
    corrected_on TEXT,                    -- the day the correction was accepted
    created_at BIGINT NOT NULL
);
CREATE INDEX file_review_case ON file_review(case_id);
CREATE INDEX file_review_agency ON file_review(agency_id, reviewed_on);

CREATE TABLE file_review_score (
    id ID_PK,
    review_id BIGINT NOT NULL REFERENCES file_review(id),
    item TEXT NOT NULL,                   -- the rubric item's code
    score INTEGER NOT NULL,
    finding TEXT,                         -- required when points are deducted
    correction INTEGER NOT NULL DEFAULT 0 -- 1: the finding asks the handlers to correct
);
CREATE UNIQUE INDEX file_review_score_item ON file_review_score(review_id, item);
