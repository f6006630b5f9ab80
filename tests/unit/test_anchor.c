/* test_anchor.c — signed heads of the audit chain: the key file, one daily head however often
 * asked, export and parse as published, and the check that catches what the chain alone cannot:
 * rows rewritten and re-hashed, rows deleted with the head moved back, a forged head. */
#include "tests/support.h"
#include "law/anchor.h"
#include "law/audit.h"
#include "law/entity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- helpers ---------------------------------------------------------------------------- */

/* Each test starts with no heads signed (the tests share one database). */
static void no_heads(struct harness *h)
{
    struct err e = {0};
    assert_true(db_exec(h->db, &e, "DELETE FROM audit_anchor", "") >= 0);
}

/* A key in the test's directory, named name. */
static void make_key(struct harness *h, const char *name, struct anchor_key *k)
{
    char path[128];
    struct err e = {0};
    snprintf(path, sizeof path, "%s/%s", h->dir, name);
    remove(path);
    if (anchor_key_create(path, k, &e)) fail_msg("key: %s", e.msg);
}

/* Some audited changes by the admin. */
static void some_changes(struct harness *h, int n)
{
    static int seq = 700;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    for (int i = 0; i < n; i++) {
        char uscc[19];
        h_uscc(seq++, uscc);
        struct entity_input in = {
            .name = "锚定诊所", .uscc = uscc, .address = "武进区", .subtype = "clinic"};
        int64_t id;
        struct err e = {0};
        if (entity_add(&c, &in, &id, &e)) fail_msg("entity_add: %s", e.msg);
    }
}

/* Sign the head now (on demand) as the auditor. */
static void sign_now(struct harness *h, const struct anchor_key *k)
{
    struct actor who;
    struct ctx c = h_ctx(h, "auditor", &who);
    struct err e = {0};
    bool made;
    if (anchor_sign(&c, k, false, &made, &e)) fail_msg("sign: %s", e.msg);
    assert_true(made);
}

static int64_t last_id(struct harness *h)
{
    struct err e = {0};
    int64_t n = 0;
    assert_int_equal(db_get_int(h->db, &e, &n, "SELECT last_id FROM audit_head", ""), 0);
    return n;
}

/* The stored heads as published, parsed back; caller frees. */
static struct anchor_head *published(struct harness *h, size_t *n)
{
    struct buf b = {0};
    struct err e = {0};
    struct anchor_head *heads;
    assert_int_equal(anchor_export(&h->ctx, &b, &e), 0);
    if (anchor_parse(b.p ? b.p : "", b.len, &heads, n, &e)) fail_msg("parse: %s", e.msg);
    buf_free(&b);
    return heads;
}

/* Check the chain against heads; returns the verdict. */
static struct anchor_check check(struct harness *h, const struct anchor_head *heads, size_t n,
                                 const char *key, struct audit_check *chain)
{
    struct anchor_check ck;
    struct err e = {0};
    if (anchor_check(h->db, heads, n, key, &ck, chain, &e)) fail_msg("check: %s", e.msg);
    return ck;
}

/* What someone who can write the database does: cut the chain back to row `from`-1 and append
 * other rows from there, so that every hash is consistent again. */
static void rewrite_from(struct harness *h, int64_t from, int rows)
{
    struct err e = {0};
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_true(db_exec(h->db, &e, "DELETE FROM audit_log WHERE id >= ?", "i", from) > 0);
    assert_int_equal(db_exec(h->db, &e,
                             "UPDATE audit_head SET last_id = ?, hash = (SELECT hash FROM"
                             " audit_log WHERE id = ?)",
                             "ii", from - 1, from - 1),
                     1);
    assert_int_equal(db_commit(h->db, &e), 0);
    some_changes(h, rows);
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_key_file_is_private_and_not_overwritten(void **state)
{
    struct harness *h = *state;
    struct anchor_key k, again;
    struct err e = {0};
    char path[128];
    make_key(h, "k1.key", &k);
    snprintf(path, sizeof path, "%s/k1.key", h->dir);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(anchor_key_load(path, &again, &e), 0);
    assert_string_equal(again.public_key, k.public_key);
    assert_string_equal(again.secret, k.secret);
    /* an existing file is never replaced */
    assert_int_equal(anchor_key_create(path, &again, &e), ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "已存在"));
    assert_int_equal(anchor_key_load(path, &again, &e), 0);
    assert_string_equal(again.secret, k.secret);
    /* readable by others: refused, like ssh */
    err_clear(&e);
    chmod(path, 0644);
    assert_int_equal(anchor_key_load(path, &again, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "权限过宽"));
    /* not a key */
    snprintf(path, sizeof path, "%s/not.key", h->dir);
    FILE *f = fopen(path, "w");
    fputs("hello\n", f);
    fclose(f);
    chmod(path, 0600);
    err_clear(&e);
    assert_int_equal(anchor_key_load(path, &again, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "不是"));
}

static void test_r_audit_03_one_daily_head_a_day_and_any_on_demand(void **state)
{
    struct harness *h = *state;
    struct anchor_key k;
    no_heads(h);
    make_key(h, "daily.key", &k);
    struct ctx c = h->ctx;
    struct err e = {0};
    bool made;
    assert_int_equal(anchor_sign(&c, &k, true, &made, &e), 0);
    assert_true(made);
    some_changes(h, 1);
    assert_int_equal(anchor_sign(&c, &k, true, &made, &e), 0);
    assert_false(made); /* the same day: already signed */
    c.now += 86400;
    assert_int_equal(anchor_sign(&c, &k, true, &made, &e), 0);
    assert_true(made);
    sign_now(h, &k);
    sign_now(h, &k);
    json_t *list = anchor_list(&h->ctx, 10, &e);
    assert_int_equal(json_array_size(list), 4);
    json_t *newest = json_array_get(list, 0), *first = json_array_get(list, 3);
    assert_string_equal(json_string_value(json_object_get(newest, "how")), "demand");
    assert_string_equal(json_string_value(json_object_get(newest, "username")), "auditor");
    assert_string_equal(json_string_value(json_object_get(first, "how_label")), "每日");
    assert_int_equal(json_integer_value(json_object_get(newest, "last_id")), last_id(h));
    json_decref(list);
}

static void test_published_heads_verify_and_a_clean_chain_reproduces_them(void **state)
{
    struct harness *h = *state;
    struct anchor_key k;
    no_heads(h);
    make_key(h, "clean.key", &k);
    some_changes(h, 2);
    sign_now(h, &k);
    some_changes(h, 2);
    sign_now(h, &k);
    size_t n;
    struct anchor_head *heads = published(h, &n);
    assert_int_equal(n, 2);
    struct audit_check chain;
    struct anchor_check ck = check(h, heads, n, k.public_key, &chain);
    assert_string_equal(ck.reason, "");
    assert_int_equal(chain.broken_id, 0);
    assert_int_equal(ck.heads, n);
    /* checked each by its own key: the same */
    ck = check(h, heads, n, NULL, &chain);
    assert_int_equal(ck.signed_ok, n);
    assert_int_equal(ck.matched, n);
    /* the statement is what the documentation says */
    struct buf b = {0};
    anchor_statement(&heads[n - 1], &b);
    char want[256];
    snprintf(want, sizeof want, "landun audit head v1\nlast_id=%lld\nhash=%s\nat=%lld\n",
             (long long)heads[n - 1].last_id, heads[n - 1].hash, (long long)heads[n - 1].at);
    assert_string_equal(buf_str(&b), want);
    assert_true(sign_verify(k.public_key, b.p, b.len, heads[n - 1].signature));
    buf_free(&b);
    free(heads);
}

static void test_r_audit_03_rewritten_and_rehashed_rows_differ_from_the_published_head(void **state)
{
    struct harness *h = *state;
    struct anchor_key k;
    no_heads(h);
    make_key(h, "rewrite.key", &k);
    some_changes(h, 2);
    sign_now(h, &k);
    int64_t first = last_id(h);
    some_changes(h, 3);
    sign_now(h, &k);
    int64_t second = last_id(h);
    size_t n;
    struct anchor_head *heads = published(h, &n);
    /* rows after the first head rewritten: the chain is consistent on its own */
    rewrite_from(h, first + 2, 4);
    struct audit_check chain;
    struct err e = {0};
    assert_int_equal(audit_verify(h->db, &chain, &e), 0);
    assert_int_equal(chain.broken_id, 0);
    struct anchor_check ck = check(h, heads, n, k.public_key, &chain);
    assert_int_equal(ck.differs_at, second);
    assert_int_equal(ck.matched_before, first);
    assert_true(ck.matched >= 1);
    char range[64];
    snprintf(range, sizeof range, "第 %lld–%lld 条", (long long)first + 1, (long long)second);
    if (!strstr(ck.reason, range) || !strstr(ck.reason, "改写"))
        fail_msg("reason: %s (wanted %s)", ck.reason, range);
    free(heads);
}

static void test_rows_deleted_with_the_head_moved_back_are_found(void **state)
{
    struct harness *h = *state;
    struct anchor_key k;
    no_heads(h);
    make_key(h, "delete.key", &k);
    some_changes(h, 3);
    sign_now(h, &k);
    int64_t head = last_id(h);
    size_t n;
    struct anchor_head *heads = published(h, &n);
    struct err e = {0};
    assert_int_equal(db_begin(h->db, &e), 0);
    db_exec(h->db, &e, "DELETE FROM audit_log WHERE id > ?", "i", head - 2);
    db_exec(h->db, &e,
            "UPDATE audit_head SET last_id = ?, hash = (SELECT hash FROM audit_log WHERE id = ?)",
            "ii", head - 2, head - 2);
    assert_int_equal(db_commit(h->db, &e), 0);
    struct audit_check chain;
    struct anchor_check ck = check(h, heads, n, NULL, &chain);
    assert_int_equal(chain.broken_id, 0); /* the chain alone cannot tell */
    assert_int_equal(ck.differs_at, head);
    assert_non_null(strstr(ck.reason, "记录被删除"));
    free(heads);
}

static void test_forged_heads_are_refused(void **state)
{
    struct harness *h = *state;
    struct anchor_key k, other;
    no_heads(h);
    make_key(h, "real.key", &k);
    make_key(h, "other.key", &other);
    some_changes(h, 1);
    sign_now(h, &k);
    size_t n;
    struct anchor_head *heads = published(h, &n);
    assert_int_equal(n, 1);
    struct anchor_head *mine = &heads[0];
    /* a head claiming another hash, its signature left as it was */
    struct anchor_head forged = *mine;
    forged.hash[0] = forged.hash[0] == 'a' ? 'b' : 'a';
    forged.line = 7;
    struct audit_check chain;
    struct anchor_check ck = check(h, &forged, 1, NULL, &chain);
    assert_int_equal(ck.signed_ok, 0);
    assert_int_equal(ck.bad_sig_line, 7);
    assert_non_null(strstr(ck.reason, "第 7 行的链头签名无效"));
    /* a genuine head, but the auditor expects the other key */
    ck = check(h, mine, 1, other.public_key, &chain);
    assert_int_equal(ck.signed_ok, 0);
    assert_non_null(strstr(ck.reason, "所给公钥"));
    /* and by the right key it holds */
    ck = check(h, mine, 1, k.public_key, &chain);
    assert_string_equal(ck.reason, "");
    free(heads);
}

static void test_parse_names_the_bad_line(void **state)
{
    (void)state;
    struct anchor_head *heads;
    size_t n;
    struct err e = {0};
    const char *good = "{\"last_id\":3,\"hash\":\"" /* 64 hex */
                       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                       "\",\"at\":1,\"public_key\":\""
                       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                       "\",\"signature\":\""
                       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                       "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"}";
    char text[2048];
    snprintf(text, sizeof text, "# heads\n\n%s\n%s\n", good, good);
    assert_int_equal(anchor_parse(text, strlen(text), &heads, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(heads[0].line, 3);
    assert_int_equal(heads[1].line, 4);
    free(heads);
    snprintf(text, sizeof text, "%s\n{\"last_id\":-1}\n", good);
    assert_int_equal(anchor_parse(text, strlen(text), &heads, &n, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第 2 行"));
    assert_null(heads);
    err_clear(&e);
    assert_int_equal(anchor_parse("not json\n", 9, &heads, &n, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "第 1 行"));
    err_clear(&e);
    char upper[2048];
    snprintf(upper, sizeof upper, "%s", good);
    char *hash = strstr(upper, "0123456789abcdef");
    hash[10] = 'A'; /* hex as published is lower case */
    assert_int_equal(anchor_parse(upper, strlen(upper), &heads, &n, &e), ERR_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_file_is_private_and_not_overwritten),
        cmocka_unit_test(test_r_audit_03_one_daily_head_a_day_and_any_on_demand),
        cmocka_unit_test(test_published_heads_verify_and_a_clean_chain_reproduces_them),
        cmocka_unit_test(
            test_r_audit_03_rewritten_and_rehashed_rows_differ_from_the_published_head),
        cmocka_unit_test(test_rows_deleted_with_the_head_moved_back_are_found),
        cmocka_unit_test(test_forged_heads_are_refused),
        cmocka_unit_test(test_parse_names_the_bad_line),
    };
    return cmocka_run_group_tests(tests, harness_setup, harness_teardown);
}
