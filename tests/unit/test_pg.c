/* test_pg.c — the PostgreSQL engine: placeholder numbering and search patterns (always), and,
 * when LANDUN_TEST_PG names a cluster ("postgresql://user@host:port/"), typed binding, NULLs,
 * blobs, nested statements, savepoints, errors, the statement cache, migrations run by two
 * processes at once, reconnecting, and Chinese search. Without LANDUN_TEST_PG those skip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/db.h"
#include "store/migrate.h"
#include "store/pg.h"
#include "base/arena.h"
#include "base/log.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The test's own database on the cluster, and a connection to the maintenance database. */
/* Whether sql returns a row; a database error fails the test. */
static bool pg_exists(struct db *db, const char *sql)
{
    struct err e = {0};
    int rc = db_exists(db, &e, sql, "");
    if (rc < 0) fail_msg("%s: %s", sql, e.msg);
    return rc > 0;
}

static struct db *db, *admin;
static char db_name[64];

/* base URL + dbname into out; false when LANDUN_TEST_PG is not set. */
static bool pg_url(const char *dbname, char *out, size_t n)
{
    const char *base = getenv("LANDUN_TEST_PG");
    if (!base || !*base) return false;
    snprintf(out, n, "%s%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/", dbname);
    return true;
}

/* Run "head name tail" (names we made up) on the maintenance connection. */
static void admin_exec(const char *head, const char *name, const char *tail)
{
    char sql[160];
    snprintf(sql, sizeof sql, "%s %s%s", head, name, tail);
    struct err e = {0};
    if (db_exec_script(admin, &e, sql)) fail_msg("%s: %s", sql, e.msg);
}

/* A fresh database called name (dropped first if an earlier crashed run left it). */
static void create_db(const char *name)
{
    admin_exec("DROP DATABASE IF EXISTS", name, " WITH (FORCE)");
    admin_exec("CREATE DATABASE", name, "");
}

static int group_setup(void **state)
{
    (void)state;
    log_set_level(LOG_WARN);
    char url[256];
    if (!pg_url("postgres", url, sizeof url)) return 0;
    struct err e = {0};
    if (db_open(url, &admin, &e)) fail_msg("db_open %s: %s", url, e.msg);
    snprintf(db_name, sizeof db_name, "t_pg_%d", (int)getpid());
    create_db(db_name);
    pg_url(db_name, url, sizeof url);
    if (db_open(url, &db, &e)) fail_msg("db_open %s: %s", url, e.msg);
    if (db_migrate(db, &e) < 0) fail_msg("migrate: %s", e.msg);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    db_close(db);
    if (admin) admin_exec("DROP DATABASE IF EXISTS", db_name, " WITH (FORCE)");
    db_close(admin);
    return 0;
}

/* Skip the calling test when there is no cluster. */
#define NEED_PG()                                                                                  \
    do {                                                                                           \
        if (!db) skip();                                                                           \
    } while (0)

/* ---- without a server --------------------------------------------------------------------- */

/* sql numbered, and the null-test flags as a string of '0'/'1'. */
static void number(const char *sql, char *out, size_t n, char *flags, size_t fn)
{
    struct buf b = {0}, nt = {0};
    int count = pg_placeholders(sql, &b, &nt);
    snprintf(out, n, "%s", buf_str(&b));
    assert_int_equal((size_t)count, nt.len);
    for (size_t i = 0; i < nt.len && i + 1 < fn; i++)
        flags[i] = nt.p[i] ? '1' : '0';
    flags[nt.len < fn ? nt.len : fn - 1] = 0;
    buf_free(&b);
    buf_free(&nt);
}

static void test_placeholders_are_numbered_outside_literals(void **state)
{
    (void)state;
    char out[256], flags[16];
    number("SELECT a FROM t WHERE b = ? AND c IN (?, ?)", out, sizeof out, flags, sizeof flags);
    assert_string_equal(out, "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
    number("SELECT '?', 'it''s ?', \"odd?name\" FROM t WHERE x = ? -- why?\n AND y = ?", out,
           sizeof out, flags, sizeof flags);
    assert_string_equal(out, "SELECT '?', 'it''s ?', \"odd?name\" FROM t WHERE x = $1 -- why?\n"
                             " AND y = $2");
    number("SELECT /* ? */ ? /* unterminated ?", out, sizeof out, flags, sizeof flags);
    assert_string_equal(out, "SELECT /* ? */ $1 /* unterminated ?");
    number("SELECT 'unterminated ?", out, sizeof out, flags, sizeof flags);
    assert_string_equal(out, "SELECT 'unterminated ?");
    number("", out, sizeof out, flags, sizeof flags);
    assert_string_equal(out, "");
    /* ten and more */
    number("VALUES (?,?,?,?,?,?,?,?,?,?,?)", out, sizeof out, flags, sizeof flags);
    assert_string_equal(out, "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)");
}

static void test_placeholders_tested_for_null_are_flagged(void **state)
{
    (void)state;
    char out[256], flags[16];
    number("WHERE (? IS NULL OR s = ?) AND (?\n is  not\tnull) AND ? IS NULLS AND ?ISNULL", out,
           sizeof out, flags, sizeof flags);
    assert_string_equal(flags, "10100");
    number("WHERE ? is null AND ? IS DISTINCT FROM x AND x IS NULL AND ? = 1", out, sizeof out,
           flags, sizeof flags);
    assert_string_equal(flags, "100");
}

static void test_placeholders_know_limits_offsets_and_patterns(void **state)
{
    (void)state;
    struct buf out = {0}, kinds = {0};
    int n = pg_placeholders("SELECT x FROM t WHERE a LIKE ? AND b NOT like\n? AND c = ? AND"
                            " d_like ? ORDER BY x LIMIT ? OFFSET  ?",
                            &out, &kinds);
    assert_int_equal(n, 6);
    const char want[] = {PG_PH_LIKE,  PG_PH_LIKE,  PG_PH_PLAIN,
                         PG_PH_PLAIN, PG_PH_LIMIT, PG_PH_OFFSET};
    assert_int_equal(kinds.len, sizeof want);
    assert_memory_equal(kinds.p, want, sizeof want);
    buf_free(&out);
    buf_free(&kinds);
    assert_true(pg_prefix_pattern("/1/2/%", 6));
    assert_true(pg_prefix_pattern("%", 1));
    assert_false(pg_prefix_pattern("", 0));
    assert_false(pg_prefix_pattern("/1/", 3));
    assert_false(pg_prefix_pattern("%1/%", 4));
    assert_false(pg_prefix_pattern("/1_/%", 5));
    assert_false(pg_prefix_pattern("/1\\/%", 5));
    assert_false(pg_prefix_pattern("/1'/%", 5));
}

static void test_search_key(void **state)
{
    (void)state;
    struct buf b = {0};
    /* ASCII white space and punctuation dropped, ASCII letters lowered, characters counted */
    assert_int_equal(pg_search_key("诊", &b), 1);
    assert_string_equal(buf_str(&b), "诊");
    buf_reset(&b);
    assert_int_equal(pg_search_key("长虹路 88", &b), 5);
    assert_string_equal(buf_str(&b), "长虹路88");
    buf_reset(&b);
    assert_int_equal(pg_search_key("长虹路, 88号", &b), 6);
    assert_string_equal(buf_str(&b), "长虹路88号");
    buf_reset(&b);
    assert_int_equal(pg_search_key(" ABC Dental ", &b), 9);
    assert_string_equal(buf_str(&b), "abcdental");
    buf_reset(&b);
    /* LIKE's wildcards and escape never reach the pattern; other scripts' punctuation stays */
    assert_int_equal(pg_search_key("100%_off\\abc（分店）", &b), 13);
    assert_string_equal(buf_str(&b), "100offabc（分店）");
    buf_reset(&b);
    /* nothing searchable */
    assert_int_equal(pg_search_key("%_ -", &b), 0);
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

/* The elements of an array as text, joined by '|'; -1 elements when it is no array. */
static int elements(const char *lit, char *out, size_t n)
{
    struct buf b = {0};
    int got = pg_array_elements(lit, &b);
    out[0] = 0;
    const char *p = b.p;
    for (int i = 0; i < got; i++, p += strlen(p) + 1)
        snprintf(out + strlen(out), n - strlen(out), "%s%s", i ? "|" : "", p);
    buf_free(&b);
    return got;
}

static void test_samples_are_read_from_array_text(void **state)
{
    (void)state;
    char out[200];
    assert_int_equal(elements("{}", out, sizeof out), 0);
    assert_int_equal(elements("{abc,\" 湖塘 塘镇 镇\",9132}", out, sizeof out), 3);
    assert_string_equal(out, "abc| 湖塘 塘镇 镇|9132");
    /* quotes and backslashes escaped; NULL is no value, "NULL" is */
    assert_int_equal(elements("{\"a\\\"b\",NULL,\"NULL\",\"c\\\\d\",\"\"}", out, sizeof out), 4);
    assert_string_equal(out, "a\"b|NULL|c\\d|");
    assert_int_equal(elements("", out, sizeof out), -1);
    assert_int_equal(elements("abc", out, sizeof out), -1);
    assert_int_equal(elements("{\"open", out, sizeof out), -1);
    assert_int_equal(elements("{a,b", out, sizeof out), -1);
    assert_int_equal(elements("{a}x", out, sizeof out), -1);
}

static void test_a_sample_decides_between_walking_and_the_index(void **state)
{
    (void)state;
    /* LIKE of pieces in order */
    assert_true(pg_like_pieces(" 湖塘 塘镇 镇康 康宁 宁诊 诊所 所", "%诊所 %"));
    assert_true(pg_like_pieces(" 湖塘 塘镇 镇", "% 镇%"));
    assert_false(pg_like_pieces(" 湖塘 塘镇 镇", "% 诊%"));
    assert_true(pg_like_pieces("长虹路88号 湖塘镇", "%长虹路%88号%"));
    assert_false(pg_like_pieces("88号长虹路", "%长虹路%88号%")); /* order matters */
    assert_true(pg_like_pieces("anything", "%"));
    /* the sample: ten texts or more decide; any match means common */
    struct buf t = {0};
    for (int i = 0; i < 12; i++) {
        buf_adds(&t, i == 7 ? "康宁诊所 湖塘镇" : "仁和宾馆 花园街");
        buf_addc(&t, 0);
    }
    assert_true(pg_search_walks("%诊所%", t.p, 12));
    assert_true(pg_search_walks("%宾馆%", t.p, 12));
    assert_false(pg_search_walks("%李强%", t.p, 12));
    assert_true(pg_search_walks("%李强%", t.p, 9)); /* hardly a sample: walk */
    assert_true(pg_search_walks("%李强%", NULL, 0));
    buf_free(&t);
}

/* ---- on a server -------------------------------------------------------------------------- */

static void test_binding_round_trips_every_type(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    assert_int_equal(db_exec_script(db, &e,
                                    "CREATE TABLE b (id BIGINT, small INTEGER, t TEXT, x BYTEA,"
                                    " n BIGINT)"),
                     0);
    static const char blob[] = {'a', 'b', 0, 'c', '\\', (char)0xff};
    assert_int_equal(db_exec(db, &e, "INSERT INTO b VALUES (?, ?, ?, ?, ?)", "iitbn", INT64_MAX,
                             (int64_t)7, "中文 'quoted' ?", blob, sizeof blob),
                     1);
    assert_int_equal(db_exec(db, &e, "INSERT INTO b VALUES (?, ?, ?, ?, ?)", "IItbI", INT64_MIN,
                             (int64_t)0, (const char *)NULL, "", (size_t)0, (int64_t)0),
                     1);
    struct db_stmt *st = db_query(db, &e, "SELECT id, small, t, x, n FROM b ORDER BY id DESC", "");
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_true(db_int(st, 0) == INT64_MAX);
    assert_int_equal(db_int(st, 1), 7);
    assert_string_equal(db_text(st, 2), "中文 'quoted' ?");
    size_t len;
    const void *p = db_blob(st, 3, &len);
    assert_int_equal(len, sizeof blob);
    assert_memory_equal(p, blob, sizeof blob);
    assert_true(db_null(st, 4));
    assert_null(db_text(st, 4));
    assert_int_equal(db_int(st, 4), 0);
    assert_int_equal(db_columns(st), 5);
    assert_string_equal(db_column_name(st, 3), "x");
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_true(db_int(st, 0) == INT64_MIN);
    assert_true(db_null(st, 1)); /* 'I' with 0 */
    assert_true(db_null(st, 2));
    assert_false(db_null(st, 3)); /* an empty blob is not NULL */
    db_blob(st, 3, &len);
    assert_int_equal(len, 0);
    assert_int_equal(db_step(st, &e), DB_DONE);
    assert_int_equal(db_step(st, &e), DB_DONE);
    db_done(st);
}

static void test_values_read_as_on_sqlite(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    struct db_stmt *st = db_query(db, &e,
                                  "SELECT 1 = 1, 1 = 2, sum(v), count(*), 'abc'::text"
                                  " FROM (VALUES (2), (3)) AS t(v)",
                                  "");
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_int_equal(db_int(st, 0), 1); /* booleans are 1 and 0 */
    assert_string_equal(db_text(st, 0), "1");
    assert_int_equal(db_int(st, 1), 0);
    assert_string_equal(db_text(st, 1), "0");
    assert_int_equal(db_int(st, 2), 5); /* sum() is numeric on PostgreSQL */
    assert_int_equal(db_int(st, 3), 2);
    size_t len;
    assert_memory_equal(db_blob(st, 4, &len), "abc", 3); /* a text column's bytes */
    assert_int_equal(len, 3);
    db_done(st);
}

static void test_optional_filters_take_null_or_a_value(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    db_exec_script(db, &e, "CREATE TABLE f (id BIGINT, status TEXT, parent BIGINT)");
    db_exec(db, &e, "INSERT INTO f VALUES (1, 'open', NULL), (2, 'closed', 1)", "");
    const char *sql = "SELECT count(*) FROM f WHERE (? IS NULL OR status = ?)"
                      " AND (? IS NULL OR parent = ?)";
    int64_t n = -1;
    assert_int_equal(db_get_int(db, &e, &n, sql, "ttII", (const char *)NULL, (const char *)NULL,
                                (int64_t)0, (int64_t)0),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(db_get_int(db, &e, &n, sql, "ttII", "open", "open", (int64_t)0, (int64_t)0),
                     0);
    assert_int_equal(n, 1);
    /* the same text with other types is another server statement */
    assert_int_equal(db_get_int(db, &e, &n, sql, "ttII", (const char *)NULL, (const char *)NULL,
                                (int64_t)1, (int64_t)1),
                     0);
    assert_int_equal(n, 1);
    /* a text where the column is an integer: the server infers the type */
    assert_int_equal(db_get_int(db, &e, &n, "SELECT count(*) FROM f WHERE id = ?", "t", "2"), 0);
    assert_int_equal(n, 1);
}

/* Run sql with "ttii" bound, and the ids it returns as "1,2". */
static void ids_of(const char *sql, const char *a, const char *b, int64_t limit, int64_t offset,
                   char *out, size_t n)
{
    struct err e = {0};
    struct db_stmt *st = db_query(db, &e, sql, "ttii", a, b, limit, offset);
    out[0] = 0;
    int rc;
    while ((rc = db_step(st, &e)) == DB_ROW)
        snprintf(out + strlen(out), n - strlen(out), "%s%lld", out[0] ? "," : "",
                 (long long)db_int(st, 0));
    if (rc != DB_DONE) fail_msg("%s: %s", sql, e.msg);
    db_done(st);
}

static void test_values_written_into_the_text_mean_the_same(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    db_exec_script(db, &e,
                   "CREATE TABLE w (id BIGINT PRIMARY KEY, path TEXT, s TEXT);"
                   "INSERT INTO w VALUES (1, '/1/', 'a'), (2, '/1/2/', 'b'), (3, '/1/2/', NULL),"
                   " (4, '/1_2/', 'b'), (5, '/9/''x/', 'a')");
    const char *sql = "SELECT id FROM w WHERE path LIKE ? AND (? IS NULL OR s = 'b')"
                      " ORDER BY id LIMIT ? OFFSET ?";
    char ids[64];
    ids_of(sql, "/1/%", NULL, 10, 0, ids, sizeof ids);
    assert_string_equal(ids, "1,2,3");
    ids_of(sql, "/1/2/%", "on", 10, 0, ids, sizeof ids);
    assert_string_equal(ids, "2");
    ids_of(sql, "/1/%", NULL, 2, 0, ids, sizeof ids);
    assert_string_equal(ids, "1,2");
    ids_of(sql, "/1/%", NULL, 2, 1, ids, sizeof ids); /* an OFFSET other than 0 */
    assert_string_equal(ids, "2,3");
    ids_of(sql, "/1_%", NULL, 10, 0, ids, sizeof ids); /* a wildcard: sent as it is */
    assert_string_equal(ids, "1,2,3,4");
    ids_of(sql, "/9/'%", NULL, 10, 0, ids, sizeof ids); /* a quote: sent as it is */
    assert_string_equal(ids, "5");
    /* the statement for a prefix, no filter and a LIMIT has no parameter left: the server plans
     * it once and reuses the plan */
    for (int i = 0; i < 3; i++)
        ids_of(sql, "/1/2/%", NULL, 5, 0, ids, sizeof ids);
    struct db_stmt *st =
        db_query(db, &e,
                 "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                 " WHERE statement = 'SELECT id FROM w WHERE path LIKE ''/1/2/%'' AND"
                 " (NULL IS NULL OR s = ''b'') ORDER BY id LIMIT 5 OFFSET 0'",
                 "");
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_true(db_int(st, 0) >= 2);
    assert_int_equal(db_int(st, 1), 0);
    db_done(st);
}

static void test_a_pattern_is_planned_once_for_all(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    db_exec_script(db, &e,
                   "CREATE TABLE pat (id BIGINT PRIMARY KEY, t TEXT);"
                   "INSERT INTO pat SELECT i, 'row ' || i FROM generate_series(1, 50) i");
    const char *sql = "SELECT count(*) FROM pat WHERE t LIKE ?";
    for (int i = 0; i < 10; i++) {
        int64_t n = 0;
        assert_int_equal(db_get_int(db, &e, &n, sql, "t", i % 2 ? "%1%" : "%row%"), 0);
        assert_int_equal(n, i % 2 ? 14 : 50);
    }
    /* the server cannot see the pattern: the five plans it makes first for the values are its
     * generic plan, which it keeps from then on */
    struct db_stmt *st =
        db_query(db, &e,
                 "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                 " WHERE statement = 'SELECT count(*) FROM pat WHERE t LIKE (SELECT $1::text)'",
                 "");
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_int_equal(db_int(st, 0), 5);
    assert_int_equal(db_int(st, 1), 5);
    db_done(st);
    /* a failed search leaves the connection usable */
    int64_t n = 0;
    assert_true(db_get_int(db, &e, &n, "SELECT 1 / 0 FROM pat WHERE t LIKE ?", "t", "%1") < 0);
    err_clear(&e);
    assert_int_equal(db_get_int(db, &e, &n, "SELECT count(*) FROM pat WHERE t LIKE ?", "t", "%"),
                     0);
    assert_int_equal(n, 50);
}

static void test_statements_nest(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    db_exec_script(db, &e,
                   "CREATE TABLE p (id BIGINT PRIMARY KEY, name TEXT);"
                   "CREATE TABLE c (p_id BIGINT, v BIGINT);"
                   "INSERT INTO p VALUES (1, '甲'), (2, '乙'), (3, '丙');"
                   "INSERT INTO c VALUES (1, 10), (1, 11), (3, 30)");
    struct db_stmt *outer = db_query(db, &e, "SELECT id, name FROM p ORDER BY id", "");
    char seen[128] = "";
    while (db_step(outer, &e) == DB_ROW) {
        int64_t sum = 0;
        db_get_int(db, &e, &sum, "SELECT coalesce(sum(v), 0) FROM c WHERE p_id = ?", "i",
                   db_int(outer, 0));
        /* the same text at once gets a handle of its own */
        struct db_stmt *again = db_query(db, &e, "SELECT id, name FROM p ORDER BY id", "");
        assert_int_equal(db_step(again, &e), DB_ROW);
        db_done(again);
        snprintf(seen + strlen(seen), sizeof seen - strlen(seen), "%s=%lld ", db_text(outer, 1),
                 (long long)sum);
    }
    db_done(outer);
    assert_string_equal(seen, "甲=21 乙=0 丙=30 ");
}

static void test_savepoints_and_errors_inside_a_transaction(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    db_exec_script(db, &e, "CREATE TABLE tx (v INTEGER UNIQUE)");
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(db_exec(db, &e, "INSERT INTO tx VALUES (?)", "i", (int64_t)1), 1);
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(db_exec(db, &e, "INSERT INTO tx VALUES (?)", "i", (int64_t)2), 1);
    db_rollback(db);
    /* a violation inside a savepoint: rolling that back lets the transaction go on */
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(db_exec(db, &e, "INSERT INTO tx VALUES (?)", "i", (int64_t)1), ERR_CONFLICT);
    db_rollback(db);
    err_clear(&e);
    assert_int_equal(db_exec(db, &e, "INSERT INTO tx VALUES (?)", "i", (int64_t)3), 1);
    assert_int_equal(db_commit(db, &e), 0);
    int64_t n = 0;
    assert_int_equal(db_get_int(db, &e, &n, "SELECT sum(v) FROM tx", ""), 0);
    assert_int_equal(n, 4);
    /* without the savepoint the transaction is spoilt until it rolls back */
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(db_exec(db, &e, "INSERT INTO tx VALUES (?)", "i", (int64_t)1), ERR_CONFLICT);
    assert_int_equal(db_exec(db, &e, "INSERT INTO tx VALUES (?)", "i", (int64_t)5), ERR_INTERNAL);
    db_rollback(db);
    assert_int_equal(db_depth(db), 0);
    assert_int_equal(db_get_int(db, &e, &n, "SELECT sum(v) FROM tx", ""), 0);
    assert_int_equal(n, 4);
    /* committing a spoilt transaction saves nothing, and says so */
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(db_exec(db, &e, "INSERT INTO tx VALUES (?)", "i", (int64_t)6), 1);
    assert_int_equal(db_exec(db, &e, "INSERT INTO tx VALUES (?)", "i", (int64_t)1), ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(db_commit(db, &e), ERR_INTERNAL);
    assert_int_equal(db_depth(db), 0);
    assert_int_equal(db_get_int(db, &e, &n, "SELECT sum(v) FROM tx", ""), 0);
    assert_int_equal(n, 4);
}

static void test_violations_are_conflicts_in_the_shared_words(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    db_exec_script(db, &e,
                   "CREATE TABLE u (k TEXT UNIQUE);"
                   "CREATE TABLE r (u_k TEXT REFERENCES u(k), n TEXT NOT NULL)");
    assert_int_equal(db_exec(db, &e, "INSERT INTO u VALUES (?)", "t", "a"), 1);
    assert_int_equal(db_exec(db, &e, "INSERT INTO u VALUES (?)", "t", "a"), ERR_CONFLICT);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_true(str_prefix(e.msg, "与已有记录重复或不满足约束："));
    err_clear(&e);
    assert_int_equal(db_exec(db, &e, "INSERT INTO r VALUES (?, ?)", "tt", "zz", "x"), ERR_CONFLICT);
    assert_string_equal(e.msg, "该记录被其他记录引用或引用的记录不存在");
    err_clear(&e);
    assert_int_equal(db_exec(db, &e, "INSERT INTO r VALUES (?, ?)", "tn", "a"), ERR_CONFLICT);
    err_clear(&e);
    /* other failures say little to the user (the log has the rest) */
    assert_int_equal(db_exec(db, &e, "SELEC 1", ""), ERR_INTERNAL);
    assert_string_equal(e.msg, "数据库错误");
    int64_t v;
    assert_int_equal(db_get_int(db, &e, &v, "SELECT 1 FROM u WHERE k = ?", "t", "none"),
                     ERR_NOTFOUND);
}

static void test_write_after_a_newer_commit_is_busy(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    char url[256];
    pg_url(db_name, url, sizeof url);
    struct db *other;
    assert_int_equal(db_open(url, &other, &e), 0);
    db_exec_script(db, &e,
                   "CREATE TABLE s (id BIGINT PRIMARY KEY, seen BIGINT);"
                   "INSERT INTO s VALUES (1, 0)");
    assert_int_equal(db_begin_read(db, &e), 0);
    assert_true(pg_exists(db, "SELECT 1 FROM s")); /* the snapshot is taken */
    assert_int_equal(db_exec(other, &e, "UPDATE s SET seen = 1", ""), 1);
    assert_int_equal(db_exec(db, &e, "UPDATE s SET seen = 2", ""), ERR_INTERNAL);
    assert_string_equal(e.msg, "数据库繁忙，请稍后重试");
    db_rollback(db);
    db_close(other);
}

/* The state pg_stat_activity shows for the backend pid, once it is want or after 5 s. The server
 * changes it after it has answered: on a busy machine that may come a little after the client
 * has gone on. */
static void backend_state(int64_t pid, const char *want, char *out, size_t n)
{
    struct err e = {0};
    for (int i = 0; i < 500; i++) {
        struct db_stmt *st =
            db_query(admin, &e, "SELECT state FROM pg_stat_activity WHERE pid = ?", "i", pid);
        snprintf(out, n, "%s", db_step(st, &e) == DB_ROW ? db_text(st, 0) : "gone");
        db_done(st);
        if (strcmp(out, want) == 0) return;
        usleep(10 * 1000);
    }
}

static void test_read_transactions_commit_with_the_next_command_and_writes_wait(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    char url[256], st[32];
    pg_url(db_name, url, sizeof url);
    struct db *other;
    assert_int_equal(db_open(url, &other, &e), 0);
    int64_t pid = 0, n = 0;
    assert_int_equal(db_get_int(db, &e, &pid, "SELECT pg_backend_pid()", ""), 0);
    db_exec_script(db, &e, "CREATE TABLE rt (v BIGINT); INSERT INTO rt VALUES (1)");
    /* a read transaction: its COMMIT waits for the connection's next command and goes with it,
     * or goes alone when settled after it has waited long enough */
    assert_int_equal(db_begin_read(db, &e), 0);
    assert_int_equal(db_get_int(db, &e, &n, "SELECT count(*) FROM rt", ""), 0);
    backend_state(pid, "idle in transaction", st, sizeof st);
    assert_string_equal(st, "idle in transaction");
    assert_int_equal(db_commit(db, &e), 0);
    assert_int_equal(db_depth(db), 0);
    db_settle(db, 60 * 1000); /* not waited a minute yet */
    backend_state(pid, "idle in transaction", st, sizeof st);
    assert_string_equal(st, "idle in transaction");
    assert_int_equal(db_exec(other, &e, "UPDATE rt SET v = 1", ""), 1); /* reads lock no rows */
    assert_int_equal(db_get_int(db, &e, &n, "SELECT count(*) FROM rt", ""), 0);
    assert_int_equal(n, 1);
    backend_state(pid, "idle", st, sizeof st); /* that statement ran after the COMMIT */
    assert_string_equal(st, "idle");
    assert_int_equal(db_begin_read(db, &e), 0); /* a transaction after it sees what others did */
    assert_int_equal(db_get_int(db, &e, &n, "SELECT count(*) FROM rt", ""), 0);
    assert_int_equal(db_commit(db, &e), 0);
    assert_int_equal(db_exec(other, &e, "INSERT INTO rt VALUES (9)", ""), 1);
    assert_int_equal(db_begin_read(db, &e), 0);
    assert_int_equal(db_get_int(db, &e, &n, "SELECT count(*) FROM rt", ""), 0);
    assert_int_equal(n, 2);
    assert_int_equal(db_commit(db, &e), 0);
    db_settle(db, 0);
    backend_state(pid, "idle", st, sizeof st);
    assert_string_equal(st, "idle");
    assert_int_equal(db_exec(other, &e, "DELETE FROM rt WHERE v = 9", ""), 1);
    /* DDL is not held back by a settled connection */
    assert_int_equal(db_exec_script(other, &e, "ALTER TABLE rt ADD COLUMN w BIGINT"), 0);
    /* a write in a read transaction: the COMMIT is waited for, so the change is there for
     * everyone when db_commit returns */
    assert_int_equal(db_begin_read(db, &e), 0);
    assert_true(pg_exists(db, "SELECT 1 FROM rt"));
    assert_int_equal(db_exec(db, &e, "UPDATE rt SET v = 2", ""), 1);
    assert_int_equal(db_commit(db, &e), 0);
    assert_int_equal(db_get_int(other, &e, &n, "SELECT v FROM rt", ""), 0);
    assert_int_equal(n, 2);
    /* a read transaction an error spoilt says so at its COMMIT */
    assert_int_equal(db_begin_read(db, &e), 0);
    assert_int_equal(db_get_int(db, &e, &n, "SELECT 1 / (v - 2) FROM rt", ""), ERR_INTERNAL);
    err_clear(&e);
    assert_int_equal(db_commit(db, &e), ERR_INTERNAL);
    assert_int_equal(db_depth(db), 0);
    /* a transaction that ran nothing sends nothing and commits or rolls back cleanly */
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(db_commit(db, &e), 0);
    assert_int_equal(db_begin_read(db, &e), 0);
    db_rollback(db);
    assert_int_equal(db_get_int(db, &e, &n, "SELECT count(*) FROM rt", ""), 0);
    assert_int_equal(n, 1);
    /* BEGIN goes with the first statement: what it writes stays unseen until COMMIT */
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(db_exec(db, &e, "INSERT INTO rt VALUES (3)", ""), 1);
    assert_int_equal(db_get_int(other, &e, &n, "SELECT count(*) FROM rt", ""), 0);
    assert_int_equal(n, 1);
    db_rollback(db);
    assert_int_equal(db_get_int(other, &e, &n, "SELECT count(*) FROM rt", ""), 0);
    assert_int_equal(n, 1);
    db_close(other);
}

/* Ids of docs matching where (with one ?, bound to pattern), newest first, as "3,1". */
static void doc_ids(const char *from, const char *where, const char *pattern, char *out, size_t n)
{
    struct err e = {0};
    struct buf sql = {0};
    buf_addf(&sql, "SELECT x.id FROM %s WHERE %s ORDER BY x.id DESC", from, where);
    struct db_stmt *st = db_query(db, &e, sql.p, "t", pattern);
    out[0] = 0;
    int rc;
    while ((rc = db_step(st, &e)) == DB_ROW)
        snprintf(out + strlen(out), n - strlen(out), "%s%lld", out[0] ? "," : "",
                 (long long)db_int(st, 0));
    assert_int_equal(rc, DB_DONE);
    db_done(st);
    buf_free(&sql);
}

/* The condition and the value to bind that look q up in an index of doc, as pg_search writes
 * them for a rare fragment: by its trigrams, or its characters and pairs when shorter. */
static const char *lookup_of(const char *q, struct buf *bind)
{
    struct buf key = {0};
    size_t chars = pg_search_key(q, &key);
    if (chars >= 3)
        buf_addf(bind, "%%%s%%", buf_str(&key));
    else
        buf_adds(bind, buf_str(&key));
    buf_free(&key);
    return chars >= 3 ? "x.search_plain LIKE ?" : "landun_pairs(x.search_plain) @> ARRAY[?::text]";
}

/* Ids of docs matching q, newest first, as "3,1", found as db_search finds them (the table has
 * no statistics: it walks the rows) and as an index finds them, which must be the same. */
static void search_ids(const char *q, char *out, size_t n)
{
    static const char *const cols[] = {"name", "address", NULL};
    struct arena a = {0};
    struct db_search s;
    struct buf bind = {0}, lookup = {0};
    if (db_search(db, &a, "doc", "x", cols, q, &s, &bind)) {
        char looked[256];
        const char *where = lookup_of(q, &lookup);
        doc_ids("doc x", where, lookup.p, looked, sizeof looked);
        doc_ids(s.from, s.where, bind.p, out, n);
        if (strcmp(out, looked) != 0) fail_msg("%s: walked %s, looked up %s", q, out, looked);
    } else {
        doc_ids(s.from, s.where, NULL, out, n);
    }
    buf_free(&bind);
    buf_free(&lookup);
    arena_free(&a);
}

static void test_search_finds_chinese_fragments_of_any_length(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    assert_int_equal(db_exec_script(db, &e,
                                    "CREATE TABLE doc (id BIGINT PRIMARY KEY, name TEXT,"
                                    " address TEXT, search_plain TEXT GENERATED ALWAYS AS"
                                    " (landun_squeeze(name) || ' ' || landun_squeeze(address))"
                                    " STORED);"
                                    "CREATE INDEX doc_search_plain ON doc USING gin"
                                    " (search_plain gin_trgm_ops);"
                                    "CREATE INDEX doc_search_pairs ON doc USING gin"
                                    " (landun_pairs(search_plain))"),
                     0);
    const char *rows[][2] = {{"武进区湖塘镇康宁诊所", "长虹路88号"},
                             {"常州恒信宾馆有限公司", "湖塘镇花园街5号"},
                             {"ABC Dental 口腔诊所", "延政中路1号"},
                             {"50%_off\\商店", NULL}};
    for (int i = 0; i < 4; i++)
        assert_int_equal(db_exec(db, &e, "INSERT INTO doc VALUES (?, ?, ?)", "itt", (int64_t)i + 1,
                                 rows[i][0], rows[i][1]),
                         1);
    char ids[64];
    search_ids("宾", ids, sizeof ids); /* one character */
    assert_string_equal(ids, "2");
    search_ids("诊所", ids, sizeof ids); /* two */
    assert_string_equal(ids, "3,1");
    search_ids("湖塘镇", ids, sizeof ids); /* three: through the trigram index */
    assert_string_equal(ids, "2,1");
    search_ids("康宁诊所", ids, sizeof ids);
    assert_string_equal(ids, "1");
    search_ids("湖塘镇 花园街", ids, sizeof ids); /* spaces and punctuation are dropped */
    assert_string_equal(ids, "2");
    search_ids("花园街 湖塘镇", ids, sizeof ids);
    assert_string_equal(ids, "");
    search_ids("镇康宁诊", ids, sizeof ids);
    assert_string_equal(ids, "1");
    search_ids("长虹路 88", ids, sizeof ids);
    assert_string_equal(ids, "1");
    search_ids("诊所长虹", ids, sizeof ids); /* a fragment is in one column */
    assert_string_equal(ids, "");
    search_ids("所长", ids, sizeof ids);
    assert_string_equal(ids, "");
    search_ids("c dent", ids, sizeof ids);
    assert_string_equal(ids, "3");
    search_ids("dental", ids, sizeof ids); /* ASCII folds case */
    assert_string_equal(ids, "3");
    search_ids("康诊", ids, sizeof ids); /* not a fragment */
    assert_string_equal(ids, "");
    search_ids("诊所\"'", ids, sizeof ids); /* quotes are punctuation */
    assert_string_equal(ids, "3,1");
    search_ids("_", ids, sizeof ids); /* nothing searchable: no filter */
    assert_string_equal(ids, "4,3,2,1");
    search_ids("0%_o", ids, sizeof ids); /* % and _ are no wildcards */
    assert_string_equal(ids, "4");
    /* looked up, the index serves fragments of any length, one character included (the table is
     * too small for the planner to want it unless told) */
    db_exec(db, &e, "SET enable_seqscan = off", "");
    static const char *const frags[] = {"宾", "诊所", "湖塘镇", "长虹路88号"};
    static const char *const index[] = {"doc_search_pairs", "doc_search_pairs", "doc_search_plain",
                                        "doc_search_plain"};
    for (int k = 0; k < 4; k++) {
        struct buf sql = {0}, bind = {0};
        buf_addf(&sql, "EXPLAIN SELECT x.id FROM doc x WHERE %s", lookup_of(frags[k], &bind));
        struct db_stmt *st = db_query(db, &e, sql.p, "t", bind.p);
        bool indexed = false;
        while (db_step(st, &e) == DB_ROW)
            indexed = indexed || strstr(db_text(st, 0), index[k]);
        db_done(st);
        if (!indexed) fail_msg("search for %s does not use %s", frags[k], index[k]);
        buf_free(&sql);
        buf_free(&bind);
    }
    db_exec(db, &e, "RESET enable_seqscan", "");
}

/* The ids found by db_search on table many for q, newest first, joined by ',', and the ORDER BY
 * expression it chose into order. */
static void search_many(const char *q, char *out, size_t n, char *order, size_t on)
{
    static const char *const cols[] = {"name", NULL};
    struct err e = {0};
    struct arena a = {0};
    struct db_search s;
    struct buf sql = {0}, bind = {0};
    db_search(db, &a, "many", "x", cols, q, &s, &bind);
    snprintf(order, on, "%s", s.order);
    buf_addf(&sql, "SELECT x.id FROM %s WHERE %s ORDER BY %s DESC LIMIT ?", s.from, s.where,
             s.order);
    struct db_stmt *st = db_query(db, &e, sql.p, "ti", bind.p, (int64_t)5);
    out[0] = 0;
    while (db_step(st, &e) == DB_ROW)
        snprintf(out + strlen(out), n - strlen(out), "%s%lld", out[0] ? "," : "",
                 (long long)db_int(st, 0));
    assert_int_equal(e.code, 0);
    db_done(st);
    buf_free(&sql);
    buf_free(&bind);
    arena_free(&a);
}

static void test_search_walks_common_fragments_and_looks_up_rare_ones(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    /* 600 rows, every other one a clinic, analyzed; then among the oldest one 李强 and one code
     * of digits and letters that the sample (taken before) cannot know of */
    assert_int_equal(
        db_exec_script(
            db, &e,
            "CREATE TABLE many (id BIGINT PRIMARY KEY, name TEXT,"
            " search_plain TEXT GENERATED ALWAYS AS (landun_squeeze(name)) STORED);"
            "CREATE INDEX many_search_plain ON many USING gin (search_plain gin_trgm_ops);"
            "CREATE INDEX many_search_pairs ON many USING gin (landun_pairs(search_plain));"
            "INSERT INTO many SELECT i, CASE WHEN i % 2 = 0 THEN '康宁诊所' || i"
            " ELSE '仁和宾馆' || i END FROM generate_series(1, 600) i;"
            "ANALYZE many;"
            "UPDATE many SET name = '李强诊所' WHERE id = 7;"
            "UPDATE many SET name = '京A8Q号商店' WHERE id = 9"),
        0);
    char ids[64], order[32];
    search_many("诊所", ids, sizeof ids, order, sizeof order); /* common: walk the newest */
    assert_string_equal(order, "x.id");
    assert_string_equal(ids, "600,598,596,594,592");
    search_many("宾馆", ids, sizeof ids, order, sizeof order);
    assert_string_equal(order, "x.id");
    assert_string_equal(ids, "599,597,595,593,591");
    search_many("李强", ids, sizeof ids, order, sizeof order); /* rare: the index, sorted */
    assert_string_equal(order, "x.id + 0");
    assert_string_equal(ids, "7");
    search_many("强", ids, sizeof ids, order, sizeof order); /* one character */
    assert_string_equal(order, "x.id + 0");
    assert_string_equal(ids, "7");
    search_many("a8q", ids, sizeof ids, order, sizeof order); /* digits and latin letters */
    assert_string_equal(order, "x.id + 0");
    assert_string_equal(ids, "9");
    search_many("8Q号", ids, sizeof ids, order, sizeof order);
    assert_string_equal(ids, "9");
    struct arena a = {0};
    struct db_search s;
    struct buf sql = {0}, bind = {0};
    static const char *const cols[] = {"name", NULL};
    db_search(db, &a, "many", "x", cols, "诊所", &s, &bind); /* walked: the plain text */
    assert_string_equal(s.where, "x.search_plain LIKE ?");
    assert_string_equal(bind.p, "%诊所%");
    buf_reset(&bind);
    db_search(db, &a, "many", "x", cols, "李强", &s, &bind); /* looked up: the pairs */
    assert_string_equal(s.where, "landun_pairs(x.search_plain) @> ARRAY[(SELECT ?::text)]");
    assert_string_equal(bind.p, "李强");
    buf_reset(&bind);
    search_many("诊所 59", ids, sizeof ids, order, sizeof order); /* pieces of a rare whole */
    assert_string_equal(ids, "598,596,594,592,590");
    /* a rare fragment found newest first across the whole table */
    assert_int_equal(
        db_exec(db, &e, "UPDATE many SET name = '李强宾馆' WHERE id IN (3, 555, 41)", ""), 3);
    search_many("李强", ids, sizeof ids, order, sizeof order);
    assert_string_equal(order, "x.id + 0");
    assert_string_equal(ids, "555,41,7,3");
    /* a page of a rare fragment's matches reads their keys first, with the same parameters */
    for (int k = 0; k < 2; k++) {
        db_search(db, &a, "many", "x", cols, k ? "李强" : "宾馆", &s, &bind);
        assert_int_equal(s.sorts, k == 1);
        db_search_page(&sql, &s, "x.id, x.name, j.one", "JOIN (SELECT 1 AS one) j ON true",
                       "x.id < ?");
        struct db_stmt *st =
            db_query(db, &e, sql.p, "tiii", bind.p, (int64_t)500, (int64_t)2, (int64_t)1);
        ids[0] = 0;
        while (db_step(st, &e) == DB_ROW)
            snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%lld", ids[0] ? "," : "",
                     (long long)db_int(st, 0));
        assert_int_equal(e.code, 0);
        db_done(st);
        assert_string_equal(ids, k ? "7,3" : "497,495");
        buf_reset(&sql);
        buf_reset(&bind);
    }
    /* the rare statement's plan looks the fragment up */
    db_search(db, &a, "many", "x", cols, "李强", &s, &bind);
    buf_addf(&sql, "EXPLAIN SELECT x.id FROM %s WHERE %s ORDER BY %s DESC LIMIT 5", s.from, s.where,
             s.order);
    db_exec(db, &e, "SET enable_seqscan = off", "");
    struct db_stmt *st = db_query(db, &e, sql.p, "t", bind.p);
    bool indexed = false;
    while (db_step(st, &e) == DB_ROW)
        indexed = indexed || strstr(db_text(st, 0), "many_search");
    db_done(st);
    db_exec(db, &e, "RESET enable_seqscan", "");
    assert_true(indexed);
    buf_free(&sql);
    buf_free(&bind);
    arena_free(&a);
    db_exec_script(db, &e, "DROP TABLE many");
}

static void test_statement_cache_evicts_and_stays_correct(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 300; i++) {
            char sql[64];
            snprintf(sql, sizeof sql, "SELECT %d + ?", i);
            int64_t v = -1;
            assert_int_equal(db_get_int(db, &e, &v, sql, "i", (int64_t)round), 0);
            assert_int_equal(v, i + round);
        }
    }
    int64_t n = 0;
    assert_int_equal(db_get_int(db, &e, &n, "SELECT count(*) FROM pg_prepared_statements", ""), 0);
    assert_true(n <= 128);
}

static void test_backup_points_to_pg_dump(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    assert_int_equal(db_backup(db, "/tmp/x.dump", NULL, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "pg_dump -Fc"));
    assert_non_null(strstr(e.msg, "pg_restore"));
}

static void test_connection_failure_is_reported(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    struct db *nowhere = NULL;
    assert_int_equal(
        db_open("postgresql://landun@127.0.0.1:1/none?connect_timeout=2", &nowhere, &e),
        ERR_INTERNAL);
    assert_null(nowhere);
    assert_true(str_prefix(e.msg, "无法连接 PostgreSQL 数据库"));
}

/* End the server process pid and wait until it is gone (up to 5 s): a busy machine may take a
 * while to deliver the signal. */
static void end_backend(int64_t pid)
{
    struct err e = {0};
    assert_int_equal(db_exists(admin, &e,
                               "SELECT 1 WHERE pg_terminate_backend(CAST(? AS INTEGER), 5000)", "i",
                               pid),
                     1);
}

static void test_reconnects_between_transactions(void **state)
{
    (void)state;
    NEED_PG();
    struct err e = {0};
    int64_t pid = 0, v = 0;
    assert_int_equal(db_get_int(db, &e, &pid, "SELECT pg_backend_pid()", ""), 0);
    end_backend(pid);
    /* the statement that finds the connection gone fails; the next one reconnects */
    db_get_int(db, &e, &v, "SELECT 1", "");
    err_clear(&e);
    assert_int_equal(db_get_int(db, &e, &v, "SELECT 41 + ?", "i", (int64_t)1), 0);
    assert_int_equal(v, 42);
    /* a transaction whose BEGIN has not gone out yet reconnects too: nothing of it is lost */
    assert_int_equal(db_get_int(db, &e, &pid, "SELECT pg_backend_pid()", ""), 0);
    end_backend(pid);
    assert_int_equal(db_begin_read(db, &e), 0);
    assert_int_equal(db_get_int(db, &e, &v, "SELECT 41 + ?", "i", (int64_t)1), 0);
    assert_int_equal(db_commit(db, &e), 0);
    /* one that has: its statements fail until it ends, and the next transaction reconnects */
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(db_get_int(db, &e, &pid, "SELECT pg_backend_pid()", ""), 0);
    end_backend(pid);
    assert_true(db_get_int(db, &e, &v, "SELECT 1", "") < 0);
    assert_true(db_get_int(db, &e, &v, "SELECT 1", "") < 0);
    db_rollback(db);
    err_clear(&e);
    assert_int_equal(db_begin(db, &e), 0);
    assert_int_equal(db_get_int(db, &e, &v, "SELECT 41 + ?", "i", (int64_t)1), 0);
    assert_int_equal(db_commit(db, &e), 0);
}

/* Migrate a fresh database from two connections at once. */
static void *migrate_thread(void *arg)
{
    struct err e = {0};
    struct db *conn;
    if (db_open(arg, &conn, &e)) return (void *)(intptr_t)-1;
    intptr_t rc = db_migrate(conn, &e);
    db_close(conn);
    return (void *)rc;
}

static void test_two_processes_migrate_one_database(void **state)
{
    (void)state;
    NEED_PG();
    char name[64], url[256];
    snprintf(name, sizeof name, "t_pg_%d_mig", (int)getpid());
    create_db(name);
    pg_url(name, url, sizeof url);
    pthread_t a, b;
    void *ra, *rb;
    pthread_create(&a, NULL, migrate_thread, url);
    pthread_create(&b, NULL, migrate_thread, url);
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    admin_exec("DROP DATABASE IF EXISTS", name, " WITH (FORCE)");
    int64_t total = 0;
    struct err e = {0};
    db_get_int(db, &e, &total, "SELECT count(*) FROM schema_migration", "");
    /* both succeed, and between them every migration is applied once */
    assert_true((intptr_t)ra >= 0 && (intptr_t)rb >= 0);
    assert_int_equal((intptr_t)ra + (intptr_t)rb, total);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placeholders_are_numbered_outside_literals),
        cmocka_unit_test(test_placeholders_tested_for_null_are_flagged),
        cmocka_unit_test(test_placeholders_know_limits_offsets_and_patterns),
        cmocka_unit_test(test_search_key),
        cmocka_unit_test(test_samples_are_read_from_array_text),
        cmocka_unit_test(test_a_sample_decides_between_walking_and_the_index),
        cmocka_unit_test(test_binding_round_trips_every_type),
        cmocka_unit_test(test_values_read_as_on_sqlite),
        cmocka_unit_test(test_optional_filters_take_null_or_a_value),
        cmocka_unit_test(test_values_written_into_the_text_mean_the_same),
        cmocka_unit_test(test_a_pattern_is_planned_once_for_all),
        cmocka_unit_test(test_statements_nest),
        cmocka_unit_test(test_savepoints_and_errors_inside_a_transaction),
        cmocka_unit_test(test_violations_are_conflicts_in_the_shared_words),
        cmocka_unit_test(test_write_after_a_newer_commit_is_busy),
        cmocka_unit_test(test_read_transactions_commit_with_the_next_command_and_writes_wait),
        cmocka_unit_test(test_search_finds_chinese_fragments_of_any_length),
        cmocka_unit_test(test_search_walks_common_fragments_and_looks_up_rare_ones),
        cmocka_unit_test(test_statement_cache_evicts_and_stays_correct),
        cmocka_unit_test(test_backup_points_to_pg_dump),
        cmocka_unit_test(test_connection_failure_is_reported),
        cmocka_unit_test(test_reconnects_between_transactions),
        cmocka_unit_test(test_two_processes_migrate_one_database),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
