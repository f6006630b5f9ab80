-- Penalty cases at province scale (bench/cases.c, docs/benchmarks.md): the figures of a period
-- (law/case_stats.c) are read from indexes that hold every column they count, per agency and day
-- (立案, decision, hearing), so no case row is visited; the legal reviews of a period are found by
-- their step's action and day, and the cases past their 90 days from the open deadlines.
-- Every read of cases is scoped by agency: the index of decided_on alone (037) gives way to the
-- one that leads with the agency (it had drawn the planner away from it, to walk a province's
-- decisions in order of day for one county's figures).
DROP INDEX penalty_case_decided;
CREATE INDEX penalty_case_filed_figures ON penalty_case(agency_id, filed_on, line, source);
CREATE INDEX penalty_case_decided_figures ON penalty_case(agency_id, decided_on, line, procedure,
    decision_types, no_penalty_ground, review_required, decision_fine, decision_confiscated,
    filed_on);
CREATE INDEX penalty_case_heard ON penalty_case(agency_id, heard_on, hearing_absent);
CREATE INDEX wf_step_action ON wf_step(kind, action, day, agency_id);
CREATE INDEX wf_deadline_overdue ON wf_deadline(kind, name, due_on, agency_id)
    WHERE ended_on IS NULL AND paused_on IS NULL;
-- The list of a county's cases walks the keys of its cases (agency, day received, id) in order and
-- filters them by state from the same index, without visiting a case it does not show.
DROP INDEX penalty_case_agency;
CREATE INDEX penalty_case_list ON penalty_case(agency_id, received_on, id, state);
