-- The figures after the decision at province scale (law/case_stats.c; docs/benchmarks.md): the
-- cases closed in a period with the days from 立案 read from one index by day and agency (the day
-- first, so the case list, which filters by agency, keeps its own index); the
-- payments of a period's decisions by case, kind and amount; the 催告, the applications to the
-- court and its outcomes by their day, each with the case it belongs to.
CREATE INDEX penalty_case_closed_figures ON penalty_case(closed_on, agency_id, procedure, filed_on);
CREATE INDEX case_payment_figures ON case_payment(case_id, kind, amount);
CREATE INDEX case_reminder_day ON case_reminder(reminded_on, case_id);
CREATE INDEX case_court_application_day ON case_court_application(applied_on, case_id, late);
CREATE INDEX case_court_outcome_day ON case_court_outcome(decided_on, outcome, case_id);
