-- Complaints at province scale (bench/complaints.c, docs/benchmarks.md): the figures of a period
-- are read from an index that holds every column they count (no row is visited), a handler's
-- work list walks its own complaints newest first and stops after a page, and the deadlines a
-- figure checks (met, by their last day) are read from their index alone.
DROP INDEX complaint_agency;
CREATE INDEX complaint_figures ON complaint(agency_id, received_on, channel, line, matter, result,
    state, satisfaction);
DROP INDEX complaint_handler;
CREATE INDEX complaint_work ON complaint(handler_id, received_on);
DROP INDEX wf_deadline_object;
CREATE INDEX wf_deadline_object ON wf_deadline(kind, object_id, name, outcome, ended_on, due_on);
