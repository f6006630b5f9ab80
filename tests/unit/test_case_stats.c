/* test_case_stats.c — the figures of penalty cases (law/case_stats.h) on a small fixture: 立案
 * by line and source, decisions by procedure, each decision once under its most severe type and
 * once under each of its types, fines and confiscations, 不予行政处罚 by ground, legal reviews and
 * the review rate, hearings, the average days from 立案 to decision, the cases past their 90
 * days; after the decision 结案 and the days to it, what was paid, 催告 and the court; the
 * period's edges, the agency subtree, an agency out of scope refused; and every figure's list
 * holding as many cases as it counts.
 *
 * Cases are registered, filed, concluded, reviewed, notified and decided through their steps,
 * and a decision on the spot through the summary procedure, where a step can make the figures
 * the test needs; the others set the decision's columns (decided_on, decision_types,
 * decision_fine, …, state) and the hearing's (heard_on, hearing_absent) with direct UPDATEs, each
 * saying why, and end the 90 days as the decision does. */
#include "support.h"
#include "case_fixture.h"
#include "law/case.h"
#include "law/case_stats.h"
#include "law/case_summary.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The penalty item (no baseline) the cases conclude with. */
static const char *item;

static int setup(void **state)
{
    if (cf_setup(state)) return -1;
    item = cf_item_plain(*state);
    return 0;
}

/* The clinic's case received on received (an act three days before), of line and source. */
static struct case_input sample(const char *received, const char *line, const char *source)
{
    static char act[DATE_STRLEN];
    day_t d;
    date_parse(received, &d);
    date_format(d - 3, act);
    struct case_input in = cf_sample(received, act);
    in.line = line;
    in.source = source;
    return in;
}

/* A case received the day before filed (and proposed then) and filed (立案) on filed. */
static int64_t filed_case(struct harness *h, const char *filed, const char *line,
                          const char *source)
{
    char received[DATE_STRLEN];
    day_t d;
    date_parse(filed, &d);
    date_format(d - 1, received);
    return cf_filed(h, sample(received, line, source), received, filed);
}

/* A warning decided on the spot (简易程序) on on by officers 1 and 2, the act three days before:
 * a medical case of the clinic. */
static int64_t summary_case(struct harness *h, const char *on)
{
    char act[DATE_STRLEN], entity[24];
    day_t d;
    date_parse(on, &d);
    date_format(d - 3, act);
    snprintf(entity, sizeof entity, "%lld", (long long)CF.clinic);
    struct case_summary_input in = {.source = "other",
                                    .line = "medical",
                                    .entity_id = entity,
                                    .place = "常州市武进区湖塘镇府前路1号",
                                    .act_on = act,
                                    .summary = "使用非卫生技术人员从事医疗卫生技术工作",
                                    .item = cf_summary_item(h),
                                    .types = "警告",
                                    .officers = cf_team(CF.o1, CF.o2),
                                    .decided_on = on};
    struct actor who;
    struct ctx c = h_ctx(h, "officer", &who);
    struct err e = {0};
    int64_t id;
    if (case_summary_add(&c, &in, &id, &e))
        fail_msg("case_summary_add: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return id;
}

/* The decision of a concluded (and, when required, reviewed) case through its steps: notified
 * on notified, the party's 3 working days let pass, decided by the leader on on. */
static void notify_and_decide(struct harness *h, int64_t id, const char *notified, const char *on,
                              const char *types, const char *fine)
{
    cf_notify(h, id, notified);
    struct wf_args a = {.date = on, .note = "当事人未提出陈述、申辩意见"};
    wf_arg_set(&a, "types", types);
    wf_arg_set(&a, "fine", fine);
    h_must(h, &case_workflow, "leader", id, "decide", &a);
}

/* The decision set directly: penalty types and amounts in 分, or the ground of 不予行政处罚; the
 * 90 days met on the day. For what the steps cannot make here (see each caller). */
static void decide(struct harness *h, int64_t id, const char *on, const char *procedure,
                   const char *types, int64_t fine, int64_t confiscated, const char *ground)
{
    struct err e = {0};
    if (db_exec(h->db, &e,
                "UPDATE penalty_case SET decided_on = ?, procedure = ?, decision_types = ?,"
                " decision_fine = ?, decision_confiscated = ?, no_penalty_ground = ?,"
                " state = ? WHERE id = ?",
                "tttIItti", on, procedure, types, fine, confiscated, ground,
                ground ? "not_penalised" : "decided", id) < 0 ||
        db_exec(h->db, &e,
                "UPDATE wf_deadline SET ended_on = ?, outcome = 'met' WHERE kind = 'case'"
                " AND object_id = ? AND ended_on IS NULL",
                "ti", on, id) < 0)
        fail_msg("decide: %s", e.msg);
}

/* The hearing held on on, set directly; absent: the party stayed away. Through its steps a
 * hearing needs a notice that gave the right to one (an organisation's fine of 50,000 元 or
 * more, beyond the item's 30,000), the party's request, a summons 7 working days ahead and the
 * chair's record: more than figures about its day need. */
static void heard(struct harness *h, int64_t id, const char *on, bool absent)
{
    struct err e = {0};
    if (db_exec(h->db, &e, "UPDATE penalty_case SET heard_on = ?, hearing_absent = ? WHERE id = ?",
                "tii", on, (int64_t)absent, id) < 0)
        fail_msg("heard: %s", e.msg);
}

/* The end of the investigation with a fine of fine 元 (10,000 or more: a review is required),
 * then the legal review's outcome (review_pass, review_return) on day. */
static void conclude_and_review(struct harness *h, int64_t id, const char *fine,
                                const char *outcome, const char *day)
{
    struct wf_args a = {.date = day, .note = "违法事实清楚，证据确凿"};
    wf_arg_set(&a, "item", item);
    wf_arg_set(&a, "types", "警告、罚款");
    wf_arg_set(&a, "fine", fine);
    wf_arg_set(&a, "major", "no");
    cf_deliberate(h, id, day);
    h_must(h, &case_workflow, "officer", id, "conclude", &a);
    struct wf_args r = {.date = day, .note = "事实清楚，适用依据正确"};
    h_must(h, &case_workflow, "legal", id, outcome, &r);
}

static json_t *stats_as(struct harness *h, const char *user, const char *from, const char *to,
                        const char *agency)
{
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    struct err e = {0};
    struct case_period p = {.from = from, .to = to, .agency_code = agency};
    json_t *o = case_stats(&c, &p, &e);
    if (!o) fail_msg("case_stats: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return o;
}

static json_int_t num(json_t *o, const char *path)
{
    char key[64];
    snprintf(key, sizeof key, "%s", path);
    json_t *at = o;
    for (char *k = strtok(key, "."); k && at; k = strtok(NULL, "."))
        at = json_object_get(at, k);
    if (!at) fail_msg("no %s", path);
    return json_integer_value(at);
}

static const char *text(json_t *o, const char *a, const char *b)
{
    return json_string_value(json_object_get(json_object_get(o, a), b));
}

/* The count of the row of code in the array key of o (0 when absent). */
static json_int_t count_of(json_t *o, const char *key, const char *code)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(o, key), i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "code")), code) == 0)
            return json_integer_value(json_object_get(r, "count"));
    }
    return 0;
}

/* The cases case_list finds for a figure's "list" (a query of /cases), as user sees them. */
static size_t list_count(struct harness *h, const char *user, const char *list)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list);
    struct case_query q = {.page = 1, .per_page = 200};
    struct {
        const char *key;
        const char **to;
    } keys[] = {{"agency", &q.agency},
                {"filed_from", &q.filed_from},
                {"filed_to", &q.filed_to},
                {"decided_from", &q.decided_from},
                {"decided_to", &q.decided_to},
                {"procedure", &q.procedure},
                {"type", &q.type},
                {"severest", &q.severest},
                {"ground", &q.ground},
                {"reviewed", &q.reviewed},
                {"review", &q.review},
                {"review_from", &q.review_from},
                {"review_to", &q.review_to},
                {"heard_from", &q.heard_from},
                {"heard_to", &q.heard_to},
                {"absent", &q.absent},
                {"overdue_on", &q.overdue_on},
                {"served", &q.served},
                {"referred_from", &q.referred_from},
                {"referred_to", &q.referred_to},
                {"referral", &q.referral},
                {"closed_from", &q.closed_from},
                {"closed_to", &q.closed_to},
                {"paid", &q.paid},
                {"reminded_from", &q.reminded_from},
                {"reminded_to", &q.reminded_to},
                {"applied_from", &q.applied_from},
                {"applied_to", &q.applied_to},
                {"applied", &q.applied},
                {"outcome_from", &q.outcome_from},
                {"outcome_to", &q.outcome_to},
                {"outcome", &q.outcome},
                {"line", &q.line},
                {"source", &q.source}};
    char *save = NULL;
    for (char *kv = strtok_r(buf, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(kv, '=');
        assert_non_null(eq);
        *eq = '\0';
        size_t i = 0;
        while (i < countof(keys) && strcmp(keys[i].key, kv) != 0)
            i++;
        if (i == countof(keys)) fail_msg("list %s: unknown filter %s", list, kv);
        *keys[i].to = arena_strdup(&h->arena, eq + 1);
    }
    struct actor who;
    struct ctx c = h_ctx(h, user, &who);
    struct err e = {0};
    json_t *page = case_list(&c, &q, &e);
    if (!page) fail_msg("case_list %s: %s", list, e.msg);
    size_t n = json_array_size(json_object_get(page, "rows"));
    json_decref(page);
    return n;
}

/* Every object of the figures holding a count and a list: the list holds as many cases. */
static void lists_agree(struct harness *h, const char *user, json_t *o)
{
    if (json_is_array(o)) {
        size_t i;
        json_t *r;
        json_array_foreach(o, i, r) lists_agree(h, user, r);
        return;
    }
    if (!json_is_object(o)) return;
    const char *list = json_string_value(json_object_get(o, "list"));
    json_t *n = json_object_get(o, "count");
    if (list && n && (size_t)json_integer_value(n) != list_count(h, user, list))
        fail_msg("%s: counted %lld, listed %zu", list, (long long)json_integer_value(n),
                 list_count(h, user, list));
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) lists_agree(h, user, v);
}

/* A year's figures: each decision once under its most severe type (a warning with a fine is a
 * fine; a fine with a licence revoked is a revocation) and once under each of its types. */
static void test_figures_of_a_year(void **state)
{
    struct harness *h = *state;
    int64_t a = filed_case(h, "2026-03-02", "medical", "inspection");
    int64_t b = filed_case(h, "2026-05-11", "medical", "referral");
    int64_t d = filed_case(h, "2026-08-03", "public_place", "assigned");
    int64_t late = filed_case(h, "2026-09-01", "medical", "monitoring");
    int64_t open = filed_case(h, "2026-10-12", "public_place", "referral");
    summary_case(h, "2026-07-01");
    /* a fine of 10,000 元: reviewed (required), notified and decided through the steps */
    conclude_and_review(h, a, "10000", "review_pass", "2026-03-20");
    notify_and_decide(h, a, "2026-03-23", "2026-04-01", "warning,fine", "10000");
    conclude_and_review(h, open, "12000", "review_return", "2026-11-02");
    /* set directly: a licence revoked with a confiscation is beyond the fixture's item, and the
     * hearing held before it (below) is too */
    decide(h, b, "2026-06-10", "general", "fine,licence_revocation", 5000000, 200000, NULL);
    /* set directly: the clinic penalised for the item on 04-01 (a) is no longer a first offender
     * to the step (第三十三条第一款), and the hearing before it (below) */
    decide(h, d, "2026-08-20", "general", NULL, 0, 0, "first");
    heard(h, b, "2026-06-01", false);
    heard(h, d, "2026-08-10", true);
    json_t *o = stats_as(h, "leader", "2026-01-01", "2026-12-31", NULL);
    /* 立案 */
    assert_int_equal(num(o, "filed.count"), 5);
    json_t *filed = json_object_get(o, "filed");
    assert_int_equal(count_of(filed, "by_line", "medical"), 3);
    assert_int_equal(count_of(filed, "by_line", "public_place"), 2);
    assert_int_equal(count_of(filed, "by_source", "referral"), 2);
    assert_int_equal(count_of(filed, "by_source", "other"), 0);
    /* decisions */
    assert_int_equal(num(o, "decided.count"), 4);
    assert_int_equal(num(o, "decided.general.count"), 3);
    assert_int_equal(num(o, "decided.summary.count"), 1);
    assert_int_equal(num(o, "decided.penalised.count"), 3);
    assert_int_equal(count_of(json_object_get(o, "decided"), "by_line", "medical"), 3);
    /* most severe, once each; and per type */
    assert_int_equal(count_of(o, "severest", "licence_revocation"), 1);
    assert_int_equal(count_of(o, "severest", "fine"), 1);
    assert_int_equal(count_of(o, "severest", "warning"), 1);
    assert_int_equal(count_of(o, "by_type", "fine"), 2);
    assert_int_equal(count_of(o, "by_type", "warning"), 2);
    assert_int_equal(count_of(o, "by_type", "licence_revocation"), 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(o, "severest"), 0), "code")),
                        "licence_revocation");
    /* money: 10,000 + 50,000 元 of fines, 2,000 元 confiscated */
    assert_string_equal(text(o, "money", "fine_yuan"), "60,000.00");
    assert_string_equal(text(o, "money", "fine_wan"), "6.00");
    assert_string_equal(text(o, "money", "confiscated_yuan"), "2,000.00");
    assert_string_equal(text(o, "money", "confiscated_wan"), "0.20");
    /* 不予行政处罚 */
    assert_int_equal(num(o, "not_penalised.count"), 1);
    assert_int_equal(count_of(json_object_get(o, "not_penalised"), "by_ground", "first"), 1);
    /* reviews: one passed, one returned; one general decision of three reviewed */
    assert_int_equal(num(o, "reviews.count"), 2);
    assert_int_equal(num(o, "reviews.pass.count"), 1);
    assert_int_equal(num(o, "reviews.return.count"), 1);
    assert_int_equal(num(o, "reviews.decided_reviewed.count"), 1);
    assert_string_equal(text(o, "reviews", "rate"), "33.33%");
    /* hearings */
    assert_int_equal(num(o, "hearings.count"), 2);
    assert_int_equal(num(o, "hearings.held.count"), 1);
    assert_int_equal(num(o, "hearings.absent.count"), 1);
    /* days from 立案 to decision, general procedure: 30, 30 and 17 */
    assert_int_equal(num(o, "days.count"), 3);
    assert_string_equal(text(o, "days", "average"), "25.7");
    /* past the 90 days by today (12-31): filed on 09-01, due 11-30; not the one filed 10-12 */
    assert_int_equal(num(o, "overdue.count"), 1);
    assert_string_equal(text(o, "overdue", "as_of"), "2026-12-31");
    (void)late;
    lists_agree(h, "leader", o);
    json_decref(o);
    assert_string_equal(case_severest("warning,fine,closure"), "closure");
    assert_null(case_severest(""));
}

/* The first and the last day of the period count; the days around them do not. The cases past
 * their 90 days are counted on the period's last day when it is over. */
static void test_period_edges(void **state)
{
    struct harness *h = *state;
    int64_t before = filed_case(h, "2026-03-31", "medical", "inspection");
    int64_t first = filed_case(h, "2026-04-01", "medical", "inspection");
    int64_t last = filed_case(h, "2026-06-30", "medical", "inspection");
    filed_case(h, "2026-07-01", "medical", "inspection");
    /* set directly: decisions a day after 立案 that the steps cannot reach (调查终结, the notice
     * and the party's 3 working days come between) */
    decide(h, before, "2026-04-01", "general", "fine", 50000, 0, NULL);
    decide(h, first, "2026-06-30", "general", "fine", 50000, 0, NULL);
    decide(h, last, "2026-07-01", "general", "fine", 50000, 0, NULL);
    json_t *o = stats_as(h, "leader", "2026-04-01", "2026-06-30", NULL);
    assert_int_equal(num(o, "filed.count"), 2);
    assert_int_equal(num(o, "decided.count"), 2);
    assert_string_equal(text(o, "days", "average"), "45.5"); /* 1 and 90 days */
    /* on 06-30 none was past its 90 days; by today the one filed on 07-01 (due 09-29) is */
    assert_int_equal(num(o, "overdue.count"), 0);
    assert_string_equal(text(o, "overdue", "as_of"), "2026-06-30");
    lists_agree(h, "leader", o);
    json_decref(o);
    o = stats_as(h, "leader", "2026-07-01", "2026-12-31", NULL);
    assert_int_equal(num(o, "overdue.count"), 1);
    assert_string_equal(text(o, "overdue", "as_of"), "2026-12-31");
    lists_agree(h, "leader", o);
    json_decref(o);
    o = stats_as(h, "leader", "2026-06-30", "2026-06-30", NULL);
    assert_int_equal(num(o, "filed.count"), 1);
    assert_int_equal(num(o, "decided.count"), 1);
    json_decref(o);
}

/* The figures count the subtree: a county's leader sees the county's cases; the city its two
 * counties, or one of them when it chooses; an agency outside the actor's scope is refused as
 * the field agency, and so are bad dates. */
static void test_subtree_scope(void **state)
{
    struct harness *h = *state;
    filed_case(h, "2026-05-06", "medical", "inspection");
    int64_t there = filed_case(h, "2026-05-07", "medical", "inspection");
    struct err e = {0};
    /* the case, its steps and its deadlines of the other county, as if it had been registered
     * there */
    static const char *const moves[] = {
        "UPDATE penalty_case SET agency_id = (SELECT id FROM agency WHERE code = '320411')"
        " WHERE id = ?",
        "UPDATE wf_step SET agency_id = (SELECT id FROM agency WHERE code = '320411')"
        " WHERE kind = 'case' AND object_id = ?",
        "UPDATE wf_deadline SET agency_id = (SELECT id FROM agency WHERE code = '320411')"
        " WHERE kind = 'case' AND object_id = ?",
    };
    for (size_t i = 0; i < countof(moves); i++)
        assert_true(db_exec(h->db, &e, moves[i], "i", there) >= 0);
    json_t *o = stats_as(h, "leader", "2026-01-01", "2026-12-31", NULL);
    assert_int_equal(num(o, "filed.count"), 1);
    json_decref(o);
    o = stats_as(h, "city", "2026-01-01", "2026-12-31", NULL);
    assert_int_equal(num(o, "filed.count"), 2);
    lists_agree(h, "city", o);
    json_decref(o);
    o = stats_as(h, "city", "2026-01-01", "2026-12-31", "320411");
    assert_int_equal(num(o, "filed.count"), 1);
    assert_string_equal(text(o, "filed", "list"),
                        "agency=320411&filed_from=2026-01-01&filed_to=2026-12-31");
    lists_agree(h, "city", o);
    json_decref(o);
    struct actor who;
    struct ctx c = h_ctx(h, "leader", &who);
    static const char *const refused[] = {"320411", "320400", "999999"};
    for (size_t i = 0; i < countof(refused); i++) {
        struct err r = {0};
        struct case_period p = {
            .from = "2026-01-01", .to = "2026-12-31", .agency_code = refused[i]};
        assert_null(case_stats(&c, &p, &r));
        assert_int_equal(r.code, ERR_INVALID);
        assert_non_null(err_field_msg(&r, "agency"));
        struct case_query q = {.agency = refused[i], .page = 1, .per_page = 20};
        struct err l = {0};
        assert_null(case_list(&c, &q, &l));
        assert_non_null(err_field_msg(&l, "agency"));
    }
    struct err bad = {0}, order = {0};
    struct case_period p = {.from = "2026-02-30", .to = "2026-12-31"};
    assert_null(case_stats(&c, &p, &bad));
    assert_non_null(err_field_msg(&bad, "from"));
    struct case_period q = {.from = "2026-12-31", .to = "2026-01-01"};
    assert_null(case_stats(&c, &q, &order));
    assert_non_null(err_field_msg(&order, "to"));
}

/* "officer" takes step (remind, apply_court, court_outcome, pay) on case id on day with the
 * pairs given (key, value, …, NULL). */
static void step(struct harness *h, int64_t id, const char *action, const char *day, ...)
{
    struct wf_args a = {.date = day};
    va_list ap;
    va_start(ap, day);
    for (const char *k; (k = va_arg(ap, const char *));)
        wf_arg_set(&a, k, va_arg(ap, const char *));
    va_end(ap);
    h_must(h, &case_workflow, strcmp(action, "apply_court") == 0 ? "leader" : "officer", id, action,
           &a);
}

static json_int_t outcome_count(json_t *o, const char *code)
{
    return count_of(json_object_get(o, "enforcement"), "outcomes", code);
}

/* After the decision, through the steps: one case served, paid and closed (结案) 44 days after
 * its 立案; another unpaid, given a 催告 in the next year, its 加处罚款 partly paid, applied to
 * the court after its three months and granted. The decisions' year counts what they imposed and
 * what was paid of it (any day); the next year the 催告, the late application and the outcome. */
static void test_after_the_decision(void **state)
{
    struct harness *h = *state;
    int64_t paid = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, paid, "penalty_decision", "2026-12-16");
    cf_pay(h, paid, "3000", "2026-12-17");
    cf_close(h, paid, "2026-12-18");
    int64_t owing = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, owing, "penalty_decision", "2026-12-16");
    h_set_now(h, "2027-10-15T09:00:00+08:00");
    step(h, owing, "remind", "2027-01-20", "served_on", "2027-01-21", "method", "direct",
         "recipient", "王五", (char *)NULL);
    step(h, owing, "pay", "2027-01-25", "kind", "surcharge", "amount", "300", "how", "bank",
         "receipt_no", "JK-0002", (char *)NULL);
    step(h, owing, "apply_court", "2027-10-08", "court", "常州市武进区人民法院", (char *)NULL);
    step(h, owing, "court_outcome", "2027-10-12", "outcome", "granted", "doc_no",
         "（2027）苏0412行审123号", (char *)NULL);
    json_t *o = stats_as(h, "leader", "2026-01-01", "2026-12-31", NULL);
    assert_int_equal(num(o, "closed.count"), 1);
    assert_int_equal(num(o, "closing_days.count"), 1);
    assert_string_equal(text(o, "closing_days", "average"), "44.0");
    assert_string_equal(text(o, "money", "fine_yuan"), "6,000.00");
    assert_string_equal(text(o, "money", "fine_paid_yuan"), "3,000.00");
    assert_string_equal(text(o, "money", "fine_paid_wan"), "0.30");
    assert_string_equal(text(o, "money", "confiscated_paid_yuan"), "0.00");
    assert_string_equal(text(o, "money", "surcharge_paid_yuan"), "300.00");
    assert_int_equal(num(o, "money.paid.count"), 2);
    assert_int_equal(num(o, "money.surcharged.count"), 1);
    /* the enforcement was the next year's */
    assert_int_equal(num(o, "enforcement.reminders.count"), 0);
    assert_int_equal(num(o, "enforcement.applications.count"), 0);
    lists_agree(h, "leader", o);
    json_decref(o);
    o = stats_as(h, "leader", "2027-01-01", "2027-12-31", NULL);
    assert_int_equal(num(o, "closed.count"), 0);
    assert_null(json_object_get(json_object_get(o, "closing_days"), "average"));
    assert_string_equal(text(o, "money", "surcharge_paid_yuan"), "0.00");
    assert_int_equal(num(o, "enforcement.reminders.count"), 1);
    assert_int_equal(num(o, "enforcement.applications.count"), 1);
    assert_int_equal(num(o, "enforcement.applications.late.count"), 1);
    assert_int_equal(outcome_count(o, "granted"), 1);
    assert_int_equal(outcome_count(o, "completed"), 0);
    lists_agree(h, "leader", o);
    json_decref(o);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_figures_of_a_year),
        T(test_period_edges),
        T(test_subtree_scope),
        T(test_after_the_decision),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
