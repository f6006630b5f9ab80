/* test_public_cache.c — the public site's answers kept in memory and their HTTP validators
 * (web/public_cache.h): ETag and Last-Modified answered 304, HEAD, a change (through a request,
 * through a law/ call, by another process) shown at the next request, the day's end, logged-in
 * visitors never served or kept, and the bound against a flood of addresses. */
#include "tests/support.h"
#include "web/public_cache.h"
#include "law/check_list.h"

#include <stdio.h>
#include <string.h>

#define LIST "/public/check-items"

static void cache_on(int poll_ms)
{
    public_cache_configure(&(struct public_cache_config){(size_t)4 << 20, poll_ms});
}

static struct public_cache_stats stats(void)
{
    struct public_cache_stats s;
    public_cache_stats(&s);
    return s;
}

/* A published medical check item named name, added and published through the API as admin. */
static void add_item(struct harness *h, const char *code, const char *name)
{
    struct client admin;
    h_login(h, &admin, "admin");
    struct hresp r;
    h_send_json(h, &admin, "POST", "/api/v1/check-items",
                json_pack("{ss ss ss ss ss}", "code", code, "name", name, "line", "medical",
                          "basis", "《医疗机构管理条例》第四十条", "method", "onsite"),
                &r);
    ASSERT_STATUS(r, 201);
    char url[64];
    snprintf(url, sizeof url, "/api/v1/check-items/%lld/publish",
             (long long)json_integer_value(json_object_get(r.json, "id")));
    hresp_free(&r);
    h_request(h, &admin, "POST", url, "{}", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
}

static void get(struct harness *h, struct client *c, const char *target, struct hresp *r)
{
    h_request(h, c, "GET", target, NULL, r);
}

/* [R-PUB-52] every anonymous public answer has an ETag, a Last-Modified and Cache-Control: public,
 * no-cache; a client that has the page gets 304, by either validator; HEAD answers alike. */
static void test_r_pub_52_validators_and_304(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-07T10:00:00+08:00");
    cache_on(PUBLIC_CACHE_POLL_MS);
    add_item(h, "YL-1", "依法执业情况");
    struct hresp r, again;
    get(h, NULL, LIST, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "依法执业情况");
    char etag[64], lm[64];
    snprintf(etag, sizeof etag, "%s", h_header(&r, "ETag"));
    snprintf(lm, sizeof lm, "%s", h_header(&r, "Last-Modified"));
    assert_int_equal(strlen(etag), HTTP_ETAG_SIZE - 1);
    assert_string_equal(lm, "Mon, 07 Dec 2026 02:00:00 GMT");
    assert_string_equal(h_header(&r, "Cache-Control"), "public, no-cache");
    assert_string_equal(h_header(&r, "Vary"), "Cookie");
    assert_non_null(h_header(&r, "X-Content-Type-Options"));

    /* the second answer comes from memory: the same bytes and headers */
    get(h, NULL, LIST, &again);
    ASSERT_STATUS(again, 200);
    assert_int_equal(again.len, r.len);
    assert_memory_equal(again.body, r.body, r.len);
    assert_string_equal(h_header(&again, "ETag"), etag);
    assert_non_null(h_header(&again, "Content-Security-Policy"));
    assert_int_equal(stats().hits, 1);
    hresp_free(&again);

    struct client c = {.if_none_match = etag};
    get(h, &c, LIST, &again);
    ASSERT_STATUS(again, 304);
    assert_int_equal(again.len, 0);
    assert_string_equal(h_header(&again, "ETag"), etag);
    hresp_free(&again);
    char list[128];
    snprintf(list, sizeof list, "\"other\", W/%s", etag);
    c.if_none_match = list;
    get(h, &c, LIST, &again);
    ASSERT_STATUS(again, 304);
    hresp_free(&again);
    c.if_none_match = "\"other\"";
    c.if_modified_since = lm; /* If-None-Match decides when both are sent */
    get(h, &c, LIST, &again);
    ASSERT_STATUS(again, 200);
    hresp_free(&again);
    c = (struct client){.if_modified_since = lm};
    get(h, &c, LIST, &again);
    ASSERT_STATUS(again, 304);
    hresp_free(&again);
    c.if_modified_since = "Mon, 07 Dec 2026 01:59:59 GMT";
    get(h, &c, LIST, &again);
    ASSERT_STATUS(again, 200);
    hresp_free(&again);
    c.if_modified_since = "yesterday";
    get(h, &c, LIST, &again);
    ASSERT_STATUS(again, 200);
    hresp_free(&again);

    h_request(h, NULL, "HEAD", LIST, NULL, &again);
    ASSERT_STATUS(again, 200);
    assert_string_equal(h_header(&again, "ETag"), etag);
    assert_string_equal(again.content_type, r.content_type);
    hresp_free(&again);
    /* the JSON face is an answer of its own */
    get(h, NULL, "/api/v1" LIST, &again);
    ASSERT_STATUS(again, 200);
    assert_non_null(again.json);
    assert_string_not_equal(h_header(&again, "ETag"), etag);
    hresp_free(&again);
    hresp_free(&r);
}

/* The validators do not depend on keeping: with nothing kept, the same answers. */
static void test_validators_without_keeping(void **state)
{
    struct harness *h = *state;
    struct hresp r, again;
    get(h, NULL, "/rules", &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(h_header(&r, "Cache-Control"), "public, no-cache");
    struct client c = {.if_none_match = h_header(&r, "ETag")};
    get(h, &c, "/rules", &again);
    ASSERT_STATUS(again, 304);
    hresp_free(&again);
    assert_int_equal(stats().entries, 0);
    /* the health check and a complainant's own page are never a copy */
    get(h, NULL, "/healthz", &again);
    assert_string_equal(h_header(&again, "Cache-Control"), "no-store");
    assert_null(h_header(&again, "ETag"));
    hresp_free(&again);
    get(h, NULL, "/public/complaints/track?code=X", &again);
    assert_string_equal(h_header(&again, "Cache-Control"), "private, no-store");
    hresp_free(&again);
    hresp_free(&r);
}

/* [R-PUB-50] a change shows at the next request: one made through a request, one made by a law/
 * call in this process, one made by another process (the chain's head read at every request with
 * poll 0); and a kept answer lapses with its day. */
static void test_r_pub_50_changes_show_at_once(void **state)
{
    struct harness *h = *state;
    h_set_now(h, "2026-12-07T10:00:00+08:00");
    cache_on(0);
    struct hresp r;
    get(h, NULL, LIST, &r);
    ASSERT_LACKS(r, "消毒产品");
    hresp_free(&r);
    get(h, NULL, LIST, &r); /* kept */
    hresp_free(&r);
    assert_int_equal(stats().hits, 1);

    add_item(h, "XD-1", "消毒产品生产企业"); /* through the router */
    get(h, NULL, LIST, &r);
    ASSERT_HAS(r, "消毒产品生产企业");
    char etag[64];
    snprintf(etag, sizeof etag, "%s", h_header(&r, "ETag"));
    hresp_free(&r);

    /* a law/ call of this process, outside any request: withdraw it */
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    int64_t id = 0;
    db_get_int(h->db, &e, &id, "SELECT id FROM check_list_item WHERE code = 'XD-1'", "");
    assert_int_equal(check_item_publish(&c, id, false, &e), 0);
    struct client cond = {.if_none_match = etag};
    get(h, &cond, LIST, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_LACKS(r, "消毒产品生产企业");
    hresp_free(&r);

    /* another process: a row appended to the chain behind this one's back */
    get(h, NULL, LIST, &r);
    hresp_free(&r);
    uint64_t generation = stats().generation;
    assert_int_equal(db_exec(h->db, &e, "UPDATE audit_head SET last_id = last_id + 1", ""), 1);
    uint64_t misses = stats().misses;
    get(h, NULL, LIST, &r);
    hresp_free(&r);
    assert_true(stats().generation > generation);
    assert_int_equal(stats().misses, misses + 1);

    /* the next day, the answer is made again (publication periods end by date) */
    get(h, NULL, LIST, &r);
    hresp_free(&r);
    misses = stats().misses;
    h_set_now(h, "2026-12-08T00:00:01+08:00");
    get(h, NULL, LIST, &r);
    hresp_free(&r);
    assert_int_equal(stats().misses, misses + 1);
}

/* Another process's change is looked for once per interval: within it, the kept answer stays. */
static void test_other_process_within_interval(void **state)
{
    struct harness *h = *state;
    cache_on(60000);
    struct hresp r;
    get(h, NULL, LIST, &r);
    hresp_free(&r);
    struct err e = {0};
    assert_int_equal(db_exec(h->db, &e, "UPDATE audit_head SET last_id = last_id + 1", ""), 1);
    uint64_t hits = stats().hits;
    get(h, NULL, LIST, &r);
    hresp_free(&r);
    assert_int_equal(stats().hits, hits + 1);
}

/* [R-PUB-51] a logged-in visitor's page (the menu, the CSRF token) is never served from memory,
 * never kept, and marked private; the anonymous page never shows it. */
static void test_r_pub_51_logged_in_bypass(void **state)
{
    struct harness *h = *state;
    cache_on(PUBLIC_CACHE_POLL_MS);
    struct client admin;
    h_login(h, &admin, "admin");
    struct hresp r;
    get(h, NULL, LIST, &r); /* kept */
    ASSERT_LACKS(r, "退出");
    hresp_free(&r);
    struct public_cache_stats before = stats();
    get(h, &admin, LIST, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "退出");
    ASSERT_HAS(r, admin.csrf);
    assert_string_equal(h_header(&r, "Cache-Control"), "private, no-cache");
    assert_null(h_header(&r, "ETag"));
    hresp_free(&r);
    struct public_cache_stats after = stats();
    assert_int_equal(after.hits, before.hits);
    assert_int_equal(after.entries, before.entries);
    assert_int_equal(after.bytes, before.bytes);
    get(h, NULL, LIST, &r);
    ASSERT_LACKS(r, "退出");
    ASSERT_LACKS(r, admin.csrf);
    hresp_free(&r);
    /* a token is a login too */
    struct client token = {0};
    snprintf(token.token, sizeof token.token, "%s", "not-a-valid-token");
    h_request(h, &token, "GET", LIST, NULL, &r);
    assert_int_equal(stats().hits, after.hits + 1); /* only the anonymous request above */
    hresp_free(&r);
    /* a stale session cookie bypasses too: the page is made for it, not taken from memory */
    struct client stale = {0};
    snprintf(stale.cookie, sizeof stale.cookie, "%s=0000", SESSION_COOKIE);
    get(h, &stale, LIST, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(stats().hits, after.hits + 1);
    hresp_free(&r);
}

/* A flood of distinct query strings cannot grow the cache past its limit: the oldest go. */
static void test_bound_holds_under_a_flood(void **state)
{
    struct harness *h = *state;
    public_cache_configure(&(struct public_cache_config){128 * 1024, PUBLIC_CACHE_POLL_MS});
    char target[64];
    size_t most = 0;
    for (int i = 0; i < 400; i++) {
        snprintf(target, sizeof target, LIST "?x=%d", i);
        struct hresp r;
        get(h, NULL, target, &r);
        ASSERT_STATUS(r, 200);
        hresp_free(&r);
        struct public_cache_stats s = stats();
        assert_true(s.bytes <= 128 * 1024);
        if (s.entries > most) most = s.entries;
    }
    /* the newest is kept, the first long gone */
    struct public_cache_stats s = stats();
    struct hresp r;
    get(h, NULL, target, &r);
    hresp_free(&r);
    assert_int_equal(stats().hits, s.hits + 1);
    get(h, NULL, LIST "?x=0", &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    assert_int_equal(stats().hits, s.hits + 1);
    assert_true(most > 0 && most < 400);
}

/* HTTP dates both ways, and malformed ones refused. */
static void test_http_dates(void **state)
{
    (void)state;
    char d[30];
    http_date(784111777, d);
    assert_string_equal(d, "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_int_equal(http_date_parse(d), 784111777);
    assert_int_equal(http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT junk"), -1);
    assert_int_equal(http_date_parse("Sun, 06 Foo 1994 08:49:37 GMT"), -1);
    assert_int_equal(http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT"), -1);
    assert_int_equal(http_date_parse(NULL), -1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_r_pub_52_validators_and_304),   T(test_validators_without_keeping),
        T(test_r_pub_50_changes_show_at_once), T(test_other_process_within_interval),
        T(test_r_pub_51_logged_in_bypass),     T(test_bound_holds_under_a_flood),
        cmocka_unit_test(test_http_dates),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
