/* test_paging.c — one page of a list: bounds of the page asked for, the extra row that tells
 * whether more follow, and a row that fails failing the whole page. */
#include "support.h"
#include "law/paging.h"

#include <string.h>

static void test_paging_bounds(void **state)
{
    (void)state;
    struct paging p = paging_of(0, 0, 20);
    assert_int_equal(p.page, 1);
    assert_int_equal(p.per, 20);
    p = paging_of(-3, PAGING_MAX + 1, 50);
    assert_int_equal(p.page, 1);
    assert_int_equal(p.per, 50);
    p = paging_of(3, PAGING_MAX, 20);
    assert_int_equal(p.per, PAGING_MAX);
    assert_int_equal(paging_limit(p), PAGING_MAX + 1);
    assert_int_equal(paging_offset(p), 2 * PAGING_MAX);
}

/* Rows hold their number; a row numbered fail_at makes the row function fail. */
static json_t *number_row(void *arg, struct db_stmt *st, struct err *e)
{
    const int64_t *fail_at = arg;
    if (fail_at && db_int(st, 0) == *fail_at) {
        err_set(e, ERR_INVALID, "第%lld行无法读取", (long long)*fail_at);
        return NULL;
    }
    return json_integer(db_int(st, 0));
}

/* Page p of the numbers 1..7 through paging_read. */
static json_t *page_of_seven(struct harness *h, struct paging p, int64_t *fail_at, struct err *e)
{
    struct db_stmt *st = db_query(h->db, e, "SELECT n FROM seven ORDER BY n LIMIT ? OFFSET ?", "ii",
                                  paging_limit(p), paging_offset(p));
    return paging_read(st, p, number_row, fail_at, e);
}

static void test_paging_reads_one_page_and_knows_if_more_follow(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    json_t *o = page_of_seven(h, paging_of(1, 3, 20), NULL, &e);
    assert_non_null(o);
    assert_int_equal(json_array_size(json_object_get(o, "rows")), 3);
    assert_true(json_is_true(json_object_get(o, "more")));
    assert_int_equal(json_integer_value(json_object_get(o, "per_page")), 3);
    json_decref(o);
    o = page_of_seven(h, paging_of(3, 3, 20), NULL, &e);
    json_t *rows = json_object_get(o, "rows");
    assert_int_equal(json_array_size(rows), 1);
    assert_int_equal(json_integer_value(json_array_get(rows, 0)), 7);
    assert_true(json_is_false(json_object_get(o, "more")));
    assert_int_equal(json_integer_value(json_object_get(o, "page")), 3);
    json_decref(o);
    /* exactly full: no further page */
    o = page_of_seven(h, paging_of(1, 7, 20), NULL, &e);
    assert_int_equal(json_array_size(json_object_get(o, "rows")), 7);
    assert_true(json_is_false(json_object_get(o, "more")));
    json_decref(o);
}

static void test_paging_a_failing_row_fails_the_page(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t fail_at = 2;
    assert_null(page_of_seven(h, paging_of(1, 5, 20), &fail_at, &e));
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.msg, "第2行无法读取");
    /* a statement that could not be made fails the page too */
    err_clear(&e);
    assert_null(paging_read(db_query(h->db, &e, "SELECT n FROM nowhere", ""), paging_of(1, 5, 20),
                            number_row, NULL, &e));
    assert_true(e.code != 0);
}

/* A list's total: from the rows of a lone page, else by the count given — capped (more than
 * PAGING_COUNT_CAP rows say so) or exact — and none when no count is given. */
static void test_paging_totals(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    struct db_cond w = {0};
    json_t *o =
        paging_total(page_of_seven(h, paging_of(1, 7, 20), NULL, &e), h->db, NULL, true, &w, &e);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 7);
    json_decref(o);
    /* counted with the list's arguments and the cap */
    db_cond_add(&w, "n > ?", "i", (int64_t)2);
    o = paging_total(page_of_seven(h, paging_of(2, 2, 20), NULL, &e), h->db,
                     "SELECT COUNT(*) FROM (SELECT 1 FROM seven WHERE n > ? LIMIT ?) AS t", true,
                     &w, &e);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 5);
    assert_null(json_object_get(o, "total_over"));
    json_decref(o);
    db_cond_free(&w);
    /* 7⁴ = 2,401 rows: counted up to the cap, and said to be more */
    struct db_cond none = {0};
    o = paging_total(page_of_seven(h, paging_of(1, 3, 20), NULL, &e), h->db,
                     "SELECT COUNT(*) FROM (SELECT 1 FROM seven a, seven b, seven c, seven d"
                     " LIMIT ?) AS t",
                     true, &none, &e);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), PAGING_COUNT_CAP);
    assert_true(json_is_true(json_object_get(o, "total_over")));
    json_decref(o);
    /* an exact figure kept elsewhere is not capped */
    o = paging_total(page_of_seven(h, paging_of(1, 3, 20), NULL, &e), h->db,
                     "SELECT COUNT(*) * 1000 FROM seven", false, &none, &e);
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 7000);
    assert_null(json_object_get(o, "total_over"));
    json_decref(o);
    /* no count for a list of several pages: no total */
    o = paging_total(page_of_seven(h, paging_of(1, 3, 20), NULL, &e), h->db, NULL, true, &none, &e);
    assert_null(json_object_get(o, "total"));
    json_decref(o);
    /* a count that fails fails the page */
    assert_null(paging_total(page_of_seven(h, paging_of(1, 3, 20), NULL, &e), h->db,
                             "SELECT COUNT(*) FROM nowhere", false, &none, &e));
    assert_true(e.code != 0);
}

static int setup(void **state)
{
    int rc = harness_setup(state);
    struct harness *h = *state;
    struct err e = {0};
    if (!rc && db_exec_script(h->db, &e,
                              "CREATE TABLE seven (n BIGINT PRIMARY KEY);"
                              "INSERT INTO seven VALUES (1), (2), (3), (4), (5), (6), (7)"))
        fail_msg("%s", e.msg);
    return rc;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paging_bounds),
        cmocka_unit_test(test_paging_reads_one_page_and_knows_if_more_follow),
        cmocka_unit_test(test_paging_a_failing_row_fails_the_page),
        cmocka_unit_test(test_paging_totals),
    };
    return cmocka_run_group_tests(tests, setup, harness_teardown);
}
