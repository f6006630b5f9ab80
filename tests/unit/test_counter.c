/* test_counter.c — named counters: sequence, years, rollback, and concurrent writers on separate
 * connections (as two server processes would be). */
#include "support.h"
#include "law/counter.h"

#include <pthread.h>

static int64_t next(struct harness *h, const char *name, int year)
{
    struct err e = {0};
    int64_t v = 0;
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(counter_next(h->db, name, year, &v, &e), 0);
    assert_int_equal(db_commit(h->db, &e), 0);
    return v;
}

static void test_counter_counts_from_one_per_name_and_year(void **state)
{
    struct harness *h = *state;
    assert_int_equal(counter_value(h->db, "doc:武卫监现", 2026), 0);
    assert_int_equal(next(h, "doc:武卫监现", 2026), 1);
    assert_int_equal(next(h, "doc:武卫监现", 2026), 2);
    assert_int_equal(next(h, "doc:武卫监现", 2027), 1);
    assert_int_equal(next(h, "doc:武卫监意", 2026), 1);
    assert_int_equal(counter_value(h->db, "doc:武卫监现", 2026), 2);
}

static void test_counter_rolled_back_number_is_reused(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    int64_t v = 0;
    assert_int_equal(next(h, "n", 0), 1);
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(counter_next(h->db, "n", 0, &v, &e), 0);
    assert_int_equal(v, 2);
    db_rollback(h->db);
    assert_int_equal(next(h, "n", 0), 2);
}

enum { THREADS = 4, EACH = 40 };

struct worker {
    const char *url;
    int64_t got[EACH];
    int failures;
};

/* Each worker has its own connection and takes EACH numbers, one transaction each. */
static void *take_numbers(void *arg)
{
    struct worker *w = arg;
    struct db *db = NULL;
    struct err e = {0};
    if (db_open(w->url, &db, &e)) {
        w->failures = EACH;
        return NULL;
    }
    for (int i = 0; i < EACH; i++) {
        int64_t v = 0;
        if (db_begin(db, &e) || counter_next(db, "shared", 2026, &v, &e) || db_commit(db, &e)) {
            if (db_depth(db)) db_rollback(db);
            w->failures++;
            continue;
        }
        w->got[i] = v;
    }
    db_close(db);
    return NULL;
}

static void test_counter_concurrent_connections_never_repeat_or_skip(void **state)
{
    struct harness *h = *state;
    struct worker w[THREADS] = {0};
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i].url = h->url;
        assert_int_equal(pthread_create(&t[i], NULL, take_numbers, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    bool seen[THREADS * EACH + 1] = {0};
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(w[i].failures, 0);
        for (int k = 0; k < EACH; k++) {
            int64_t v = w[i].got[k];
            assert_true(v >= 1 && v <= THREADS * EACH);
            assert_false(seen[v]);
            seen[v] = true;
        }
    }
    assert_int_equal(counter_value(h->db, "shared", 2026), THREADS * EACH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counter_counts_from_one_per_name_and_year),
        cmocka_unit_test(test_counter_rolled_back_number_is_reused),
        cmocka_unit_test(test_counter_concurrent_connections_never_repeat_or_skip),
    };
    return cmocka_run_group_tests(tests, harness_setup, harness_teardown);
}
