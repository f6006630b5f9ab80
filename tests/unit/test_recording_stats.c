/* test_recording_stats.c — how much of the enforcement was recorded (law/recording_stats.c):
 * inspections and penalty cases with a recording and without, the key steps of the cases, the
 * recordings by media, and the lists behind the counts agreeing with them. */
#include "support.h"
#include "case_fixture.h"
#include "base/jpack.h"
#include "law/recording_stats.h"

#include <stdio.h>
#include <string.h>

/* The figures of 2026 for "viewer". */
static json_t *figures(struct harness *h)
{
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    json_t *o =
        recording_stats(&c, &(struct recording_period){"2026-01-01", "2026-12-31", NULL}, &e);
    if (!o) fail_msg("figures: %s %s", e.msg, e.nfields ? e.fields[0].msg : "");
    return o;
}

/* The count at path ("cases", "recorded") of o. */
static int64_t n_of(json_t *o, const char *part, const char *which)
{
    return jget_int(json_object_get(json_object_get(o, part), which), "n");
}

/* The rows of the list query (a count's "list") for "viewer". */
static size_t list_rows(struct harness *h, const char *list)
{
    char what[16] = "", recorded[4] = "";
    const char *w = strstr(list, "what="), *r = strstr(list, "recorded=");
    sscanf(w + 5, "%15[^&]", what);
    if (r) sscanf(r + 9, "%3[^&]", recorded);
    struct actor who;
    struct ctx c = h_ctx(h, "viewer", &who);
    struct err e = {0};
    struct recording_cover_query q = {
        .what = what, .from = "2026-01-01", .to = "2026-12-31", .recorded = recorded};
    json_t *page = recording_coverage_list(&c, &q, &e);
    if (!page) fail_msg("list: %s", e.msg);
    size_t n = json_array_size(json_object_get(page, "rows"));
    json_decref(page);
    return n;
}

/* The key step row code of o. */
static json_t *step(json_t *o, const char *code)
{
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(o, "key_steps"), i, s)
    {
        if (strcmp(jget_text(s, "code"), code) == 0) return s;
    }
    fail_msg("no key step %s", code);
    return NULL;
}

/* [R-EVD-30] Two cases filed in 2026, one with its service recorded; an inspection without a
 * recording: 1 of 2 cases recorded (50.00%), 0 of 1 inspection, each count's list holding as
 * many rows as it says; the recording counted as a scan with its bytes. */
static void test_r_evd_30_records_with_and_without(void **state)
{
    struct harness *h = *state;
    int64_t served = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, served, "penalty_decision", "2026-12-16");
    cf_filed(h, cf_sample("2026-11-20", "2026-11-18"), "2026-11-21", "2026-11-22");
    struct err e = {0};
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO inspection (agency_id, entity_id, type, line, inspected_on,"
                        " place, outcome, created_at) SELECT agency_id, id, 'routine', 'medical',"
                        " '2026-12-01', '诊所', 'pass', 0 FROM entity WHERE id = ?",
                        "i", CF.clinic) >= 0);
    json_t *o = figures(h);
    assert_int_equal(n_of(o, "cases", "all"), 2);
    assert_int_equal(n_of(o, "cases", "recorded"), 1);
    assert_int_equal(n_of(o, "cases", "unrecorded"), 1);
    assert_string_equal(jget_text(json_object_get(o, "cases"), "rate"), "50.00%");
    assert_int_equal(n_of(o, "inspections", "all"), 1);
    assert_int_equal(n_of(o, "inspections", "unrecorded"), 1);
    const char *lists[][2] = {
        {"cases", "recorded"}, {"cases", "unrecorded"}, {"inspections", "unrecorded"}};
    for (size_t i = 0; i < 3; i++) {
        json_t *count = json_object_get(json_object_get(o, lists[i][0]), lists[i][1]);
        assert_int_equal(list_rows(h, jget_text(count, "list")), (size_t)jget_int(count, "n"));
    }
    json_t *by_line = json_array_get(json_object_get(json_object_get(o, "cases"), "by_line"), 0);
    assert_int_equal(jget_int(json_object_get(by_line, "all"), "n"), 2);
    assert_int_equal(jget_int(json_object_get(o, "recordings"), "n"), 1);
    json_t *scan = json_array_get(json_object_get(o, "media"), 3);
    assert_string_equal(jget_text(scan, "code"), "scan");
    assert_int_equal(jget_int(scan, "count"), 1);
    assert_true(jget_int(o, "bytes") > 0);
    json_decref(o);
}

/* [R-EVD-31] A key step counts as recorded only with a recording attached to it: the service
 * recorded, an inquiry item and an on-site record without; moved to the case as a whole, the
 * service's recording no longer counts for it. */
static void test_r_evd_31_key_steps(void **state)
{
    struct harness *h = *state;
    int64_t id = cf_decided(h, "warning,fine", "3000");
    cf_serve(h, id, "penalty_decision", "2026-12-16");
    struct err e = {0};
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO case_evidence (case_id, kind, description, source,"
                        " obtained_on, created_at, inquiry_person) VALUES (?, 'statement',"
                        " '询问笔录', '当场', '2026-11-10', 0, '王五')",
                        "i", id) >= 0);
    assert_true(db_exec(h->db, &e,
                        "INSERT INTO case_evidence (case_id, kind, description, source,"
                        " obtained_on, created_at, site_time) VALUES (?, 'record', '现场笔录',"
                        " '现场', '2026-11-10', 0, '09时00分至10时00分')",
                        "i", id) >= 0);
    json_t *o = figures(h);
    assert_int_equal(jget_int(json_object_get(step(o, "service"), "recorded"), "n"), 1);
    assert_int_equal(jget_int(json_object_get(step(o, "inquiry"), "unrecorded"), "n"), 1);
    assert_int_equal(jget_int(json_object_get(step(o, "site"), "unrecorded"), "n"), 1);
    assert_int_equal(jget_int(json_object_get(step(o, "hearing"), "all"), "n"), 0);
    assert_int_equal(
        list_rows(h, jget_text(json_object_get(step(o, "inquiry"), "unrecorded"), "list")), 1);
    json_decref(o);
    assert_true(db_exec(h->db, &e, "UPDATE recording SET part = '' WHERE object_id = ?", "i", id) >=
                0);
    o = figures(h);
    assert_int_equal(jget_int(json_object_get(step(o, "service"), "unrecorded"), "n"), 1);
    assert_int_equal(n_of(o, "cases", "recorded"), 1);
    json_decref(o);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, cf_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_evd_30_records_with_and_without),
        T(test_r_evd_31_key_steps),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
