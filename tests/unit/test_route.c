/* test_route.c — which route a path takes: {…} segments, the most specific pattern winning
 * whatever the table's order, and the start-up check that refuses a shadowed route. */
#include "tests/support.h"
#include "web/route_match.h"
#include "web/web.h"
#include "law/role.h"

#include <string.h>

static void test_patterns_capture_their_segments(void **state)
{
    (void)state;
    struct arena a = {0};
    const char *args[MAX_PATH_ARGS];
    int n = -1;
    assert_true(
        route_match("/entities/{id}/licences/{lid}", "/entities/42/licences/7", &a, args, &n));
    assert_int_equal(n, 2);
    assert_string_equal(args[0], "42");
    assert_string_equal(args[1], "7");
    assert_true(route_match("/plans", "/plans", &a, args, &n));
    assert_int_equal(n, 0);
    assert_false(route_match("/plans/{id}", "/plans/", &a, args, &n));       /* empty segment */
    assert_false(route_match("/plans/{id}", "/plans/1/edit", &a, args, &n)); /* one segment */
    assert_false(route_match("/plans/{id}/edit", "/plans/1", &a, args, &n));
    assert_false(route_match("/plans", "/plansx", &a, args, &n));
    /* a parameter with a literal rest in its segment */
    assert_true(route_match("/documents/{id}.pdf", "/documents/12.pdf", &a, args, &n));
    assert_int_equal(n, 1);
    assert_string_equal(args[0], "12");
    assert_false(route_match("/documents/{id}.pdf", "/documents/.pdf", &a, args, &n));
    assert_false(route_match("/documents/{id}.pdf", "/documents/12.pdfx", &a, args, &n));
    assert_false(route_match("/documents/{id}.pdf", "/documents/12", &a, args, &n));
    assert_false(route_match("/documents/{id}.pdf", "/documents/12.pdf/x", &a, args, &n));
    arena_free(&a);
}

static void test_a_literal_segment_outranks_a_parameter(void **state)
{
    (void)state;
    assert_true(route_rank("/plans/new") > route_rank("/plans/{id}"));
    assert_true(route_rank("/entities/{id}/edit") > route_rank("/entities/{id}/{what}"));
    /* the first place they differ decides */
    assert_true(route_rank("/a/{x}/c") > route_rank("/{y}/b/c"));
    assert_int_equal(route_rank("/plans/{id}"), route_rank("/plans/{pid}"));
}

static int handler(struct req *r, struct resp *w)
{
    (void)r, (void)w;
    return 0;
}

static void test_the_table_check_refuses_a_shadowed_route(void **state)
{
    (void)state;
    struct err e = {0};
    const struct route fine[] = {
        {"GET", "/plans/{id}", PERM_DRAW_READ, ROUTE_BOTH, handler, "one plan"},
        {"GET", "/plans/new", PERM_PLAN_WRITE, ROUTE_HTML, handler, "form"},
        {"PUT", "/plans/{id}", PERM_PLAN_WRITE, ROUTE_API, handler, "edit"},
        {"POST", "/plans/{id}", PERM_PLAN_WRITE, ROUTE_HTML, handler, "edit (form)"},
        {"POST", "/plans/{pid}", PERM_PLAN_WRITE, ROUTE_API, handler, "another face"},
    };
    assert_int_equal(route_table_check(fine, 5, &e), 0);
    const struct route twice[] = {
        {"GET", "/plans/{id}", PERM_DRAW_READ, ROUTE_BOTH, handler, "one plan"},
        {"GET", "/plans/{plan}", PERM_DRAW_READ, ROUTE_API, handler, "the same, renamed"},
    };
    assert_int_equal(route_table_check(twice, 2, &e), ERR_INTERNAL);
    assert_string_equal(e.msg, "route GET /plans/{plan} shadows GET /plans/{id}");
    err_clear(&e);
    const struct route bare[] = {{"GET", "/x", PERM_NONE, ROUTE_HTML, handler, "no permission"}};
    assert_int_equal(route_table_check(bare, 1, &e), ERR_INTERNAL);
    /* and the program's own table passes */
    err_clear(&e);
    assert_int_equal(route_table_check(web_routes, web_nroutes, &e), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patterns_capture_their_segments),
        cmocka_unit_test(test_a_literal_segment_outranks_a_parameter),
        cmocka_unit_test(test_the_table_check_refuses_a_shadowed_route),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
