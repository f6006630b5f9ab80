-- Every draw of a committed plan, the refused ones too, with its seed: a draw that failed (no
-- team for some task) leaves a public trace, so that nobody can try seeds until one suits them
-- unseen (docs/draw.md §9). Shown on the plan's public page.
CREATE TABLE draw_attempt (
    id ID_PK,
    plan_id BIGINT NOT NULL REFERENCES draw_plan(id),
    seed TEXT NOT NULL,                   -- as entered (trimmed)
    at BIGINT NOT NULL,                   -- UTC seconds
    username TEXT NOT NULL,
    ok INTEGER NOT NULL,                  -- 1: the tasks were stored
    reason TEXT                           -- why it was refused (the rule, no entity named)
);
CREATE INDEX draw_attempt_plan ON draw_attempt(plan_id, id);
