-- The workflow mechanism (law/workflow.c): the steps every matter (a random-check task, later a
-- complaint, a petition, a case) has taken, and the deadlines those steps opened.

CREATE TABLE wf_step (
    id ID_PK,
    kind TEXT NOT NULL,                   -- the workflow: task, complaint, case …
    object_id BIGINT NOT NULL,            -- the matter's id in its own table
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    from_state TEXT NOT NULL,             -- '' for the step that began the matter
    action TEXT NOT NULL,
    to_state TEXT NOT NULL,
    day TEXT NOT NULL,                    -- the legal date of the step, YYYY-MM-DD
    at BIGINT NOT NULL,                   -- when it was recorded, UTC seconds
    user_id BIGINT,
    username TEXT NOT NULL,
    reason TEXT,
    note TEXT,
    ref_id BIGINT                         -- a related record (the inspection that completed a task)
);
CREATE INDEX wf_step_object ON wf_step(kind, object_id, id);

CREATE TABLE wf_deadline (
    id ID_PK,
    kind TEXT NOT NULL,
    object_id BIGINT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agency(id),
    name TEXT NOT NULL,                   -- the rule's code within its workflow
    label TEXT NOT NULL,                  -- 检查期限
    basis TEXT,                           -- the rule it comes from
    start_on TEXT NOT NULL,               -- YYYY-MM-DD the period counts from
    due_on TEXT NOT NULL,                 -- the last day
    ended_on TEXT,                        -- the day it was met or voided; NULL while open
    outcome TEXT                          -- met | void (the matter ended another way)
);
CREATE INDEX wf_deadline_object ON wf_deadline(kind, object_id);
CREATE INDEX wf_deadline_open ON wf_deadline(due_on) WHERE ended_on IS NULL;
