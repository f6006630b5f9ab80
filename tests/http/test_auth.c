/* test_auth.c — logging in and out through the real router: redirects for anonymous browsers,
 * 401 for the API, the session cookie, CSRF, bearer tokens, the login rate limit and the `next`
 * parameter. */
#include "tests/support.h"
#include "law/auth.h"
#include "base/codes.h"

#include <stdio.h>
#include <string.h>

/* The session cookie ("landun_sid=…") set by r, into out; asserts there is one. */
static void cookie_of(const struct hresp *r, char *out, size_t n)
{
    const char *sc = h_header(r, "Set-Cookie");
    assert_non_null(sc);
    snprintf(out, n, "%.*s", (int)strcspn(sc, ";"), sc);
}

/* A fresh anonymous client. */
static struct client anonymous(void)
{
    struct client c;
    memset(&c, 0, sizeof c);
    return c;
}

/* The error object of a JSON error response, checked for its shape. */
static json_t *error_object(const struct hresp *r)
{
    assert_non_null(r->json);
    json_t *err = json_object_get(r->json, "error");
    assert_true(json_is_object(err));
    assert_true(json_is_string(json_object_get(err, "code")));
    assert_true(json_is_string(json_object_get(err, "message")));
    assert_true(json_is_object(json_object_get(err, "fields")));
    return err;
}

static void test_anonymous_page_redirects_to_login(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/entities", NULL, &r);
    ASSERT_STATUS(r, 303);
    assert_non_null(r.location);
    assert_string_equal(r.location, "/login?next=%2Fentities");
    hresp_free(&r);

    h_request(h, NULL, "GET", "/", NULL, &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/login?next=%2F");
    hresp_free(&r);

    /* the login page keeps the place to return to */
    h_request(h, NULL, "GET", "/login?next=%2Fentities", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"next\" value=\"/entities\"");
    ASSERT_HAS(r, "name=\"username\"");
    hresp_free(&r);
}

static void test_anonymous_api_is_401_json(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "GET", "/api/v1/entities", NULL, &r);
    ASSERT_STATUS(r, 401);
    assert_null(r.location);
    json_t *err = error_object(&r);
    assert_string_equal(json_string_value(json_object_get(err, "code")), "unauthorized");
    assert_true(strlen(json_string_value(json_object_get(err, "message"))) > 0);
    hresp_free(&r);

    h_request(h, NULL, "POST", "/api/v1/entities", "{\"name\":\"x\"}", &r);
    ASSERT_STATUS(r, 401);
    error_object(&r);
    hresp_free(&r);

    h_request(h, NULL, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 401);
    error_object(&r);
    hresp_free(&r);
}

static void test_login_form_wrong_password(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "POST", "/login", "username=officer&password=Wrong9999&next=%2Fentities",
              &r);
    ASSERT_STATUS(r, 401);
    assert_null(h_header(&r, "Set-Cookie"));
    assert_true(str_prefix(r.content_type, "text/html"));
    ASSERT_HAS(r, "<p class=\"alert\" role=\"alert\">用户名或密码错误</p>");
    ASSERT_HAS(r, "name=\"username\" value=\"officer\"");
    ASSERT_HAS(r, "name=\"next\" value=\"/entities\"");
    assert_null(strstr(r.body, "Wrong9999")); /* the password is never echoed */
    hresp_free(&r);

    /* an unknown user gets the same answer */
    h_request(h, NULL, "POST", "/login", "username=nobody&password=Wrong9999", &r);
    ASSERT_STATUS(r, 401);
    ASSERT_HAS(r, "用户名或密码错误");
    ASSERT_HAS(r, "name=\"username\" value=\"nobody\"");
    hresp_free(&r);

    /* empty fields: messages next to the fields */
    h_request(h, NULL, "POST", "/login", "username=&password=", &r);
    ASSERT_STATUS(r, 422);
    ASSERT_HAS(r, "<p class=\"field-error\">请输入用户名</p>");
    ASSERT_HAS(r, "<p class=\"field-error\">请输入密码</p>");
    hresp_free(&r);

    /* API face: 401 JSON */
    h_request(h, NULL, "POST", "/api/v1/login", "{\"username\":\"officer\",\"password\":\"x1\"}",
              &r);
    ASSERT_STATUS(r, 401);
    assert_string_equal(json_string_value(json_object_get(error_object(&r), "message")),
                        "用户名或密码错误");
    hresp_free(&r);
}

static void test_login_form_success_sets_cookie(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    h_request(h, NULL, "POST", "/login",
              "username=officer&password=" TEST_PASSWORD "&next=%2Fofficers", &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/officers");
    const char *sc = h_header(&r, "Set-Cookie");
    assert_non_null(sc);
    assert_true(str_prefix(sc, SESSION_COOKIE "="));
    assert_non_null(strstr(sc, "HttpOnly"));
    assert_non_null(strstr(sc, "SameSite=Strict"));
    assert_non_null(strstr(sc, "Path=/"));
    assert_non_null(strstr(sc, "Max-Age="));
    struct client c = anonymous();
    cookie_of(&r, c.cookie, sizeof c.cookie);
    hresp_free(&r);

    h_request(h, &c, "GET", "/officers", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "执法人员");
    hresp_free(&r);

    /* without next: the start page */
    h_request(h, NULL, "POST", "/login", "username=officer&password=" TEST_PASSWORD, &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/");
    hresp_free(&r);

    /* a logged-in user who opens the login page goes on */
    h_request(h, &c, "GET", "/login?next=%2Fentities", NULL, &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/entities");
    hresp_free(&r);

    /* API face: the cookie plus the CSRF token in the body */
    h_requestf(h, NULL, "POST", "/api/v1/login", &r,
               "{\"username\":\"officer\",\"password\":\"%s\"}", TEST_PASSWORD);
    ASSERT_STATUS(r, 200);
    const char *csrf = json_string_value(json_object_get(r.json, "csrf"));
    assert_non_null(csrf);
    assert_int_equal(strlen(csrf), SECRET_HEX);
    assert_non_null(strstr(h_header(&r, "Set-Cookie"), "HttpOnly"));
    hresp_free(&r);
}

static void test_session_id_rotates_at_each_login(void **state)
{
    struct harness *h = *state;
    struct client a, b;
    h_login(h, &a, "admin");
    h_login(h, &b, "admin");
    assert_string_not_equal(a.cookie, b.cookie);
    assert_string_not_equal(a.csrf, b.csrf);

    /* logging in again while holding session a: a new id, and a ends */
    struct hresp r;
    h_requestf(h, &a, "POST", "/api/v1/login", &r, "{\"username\":\"admin\",\"password\":\"%s\"}",
               TEST_PASSWORD);
    ASSERT_STATUS(r, 200);
    struct client a2 = anonymous();
    cookie_of(&r, a2.cookie, sizeof a2.cookie);
    snprintf(a2.csrf, sizeof a2.csrf, "%s", json_string_value(json_object_get(r.json, "csrf")));
    hresp_free(&r);
    assert_string_not_equal(a2.cookie, a.cookie);

    h_request(h, &a, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
    h_request(h, &a2, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
    /* the other session is untouched */
    h_request(h, &b, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);

    /* the same through the login form (with the page's _csrf field) */
    struct client form = anonymous();
    snprintf(form.cookie, sizeof form.cookie, "%s", b.cookie);
    h_requestf(h, &form, "POST", "/login", &r, "username=admin&password=%s&_csrf=%s", TEST_PASSWORD,
               b.csrf);
    ASSERT_STATUS(r, 303);
    char b2[128];
    cookie_of(&r, b2, sizeof b2);
    assert_string_not_equal(b2, b.cookie);
    hresp_free(&r);
    h_request(h, &b, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
}

/* A valid entity as JSON with USCC number n. */
static const char *entity_json(char *buf, size_t n, const char *name, int uscc_no)
{
    char uscc[USCC_LEN + 1];
    h_uscc(uscc_no, uscc);
    snprintf(buf, n,
             "{\"name\":\"%s\",\"uscc\":\"%s\",\"address\":\"武进区湖塘镇1号\","
             "\"subtype\":\"clinic\"}",
             name, uscc);
    return buf;
}

static void test_csrf_required_with_cookie(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "admin");
    char body[512];
    struct hresp r;

    /* no token */
    struct client none = c;
    none.csrf[0] = 0;
    h_request(h, &none, "POST", "/api/v1/entities", entity_json(body, sizeof body, "甲诊所", 1),
              &r);
    ASSERT_STATUS(r, 403);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "error"), "code")), "forbidden");
    assert_non_null(strstr(r.body, "CSRF"));
    hresp_free(&r);

    /* a wrong token, and another session's token */
    struct client wrong = c;
    memset(wrong.csrf, 'a', SECRET_HEX);
    wrong.csrf[SECRET_HEX] = 0;
    h_request(h, &wrong, "POST", "/api/v1/entities", body, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);
    struct client other;
    h_login(h, &other, "admin");
    struct client mixed = c;
    snprintf(mixed.csrf, sizeof mixed.csrf, "%s", other.csrf);
    h_request(h, &mixed, "POST", "/api/v1/entities", body, &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);

    /* the HTML face refuses a form without _csrf, with an error page */
    char uscc[USCC_LEN + 1];
    h_uscc(1, uscc);
    h_requestf(h, &none, "POST", "/entities", &r,
               "name=%%E4%%B9%%99&uscc=%s&address=x&subtype=clinic", uscc);
    ASSERT_STATUS(r, 403);
    ASSERT_HAS(r, "CSRF");
    hresp_free(&r);

    /* nothing was saved */
    h_request(h, &c, "GET", "/api/v1/entities", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "rows")), 0);
    hresp_free(&r);

    /* with the header token */
    h_request(h, &c, "POST", "/api/v1/entities", body, &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);

    /* with the form field _csrf */
    h_requestf(h, &none, "POST", "/entities", &r,
               "_csrf=%s&name=%%E4%%B9%%99&uscc=%s&address=x&subtype=hospital", c.csrf, uscc);
    /* the same USCC again: a conflict, so the token was accepted */
    ASSERT_STATUS(r, 409);
    hresp_free(&r);

    /* GET needs no token */
    h_request(h, &none, "GET", "/entities", NULL, &r);
    ASSERT_STATUS(r, 200);
    hresp_free(&r);
}

static void test_bearer_token_needs_no_csrf(void **state)
{
    struct harness *h = *state;
    struct err e = {0};
    char token[SECRET_HEX + 1];
    assert_int_equal(token_create(&h->ctx, "officer", "测试脚本", token, &e), 0);
    struct client t = anonymous();
    snprintf(t.token, sizeof t.token, "%s", token);
    struct hresp r;
    h_request(h, &t, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "username")), "officer");
    assert_null(json_object_get(r.json, "csrf")); /* no session, no token to hand out */
    hresp_free(&r);

    char body[512];
    h_request(h, &t, "POST", "/api/v1/entities", entity_json(body, sizeof body, "丙诊所", 3), &r);
    ASSERT_STATUS(r, 201);
    hresp_free(&r);

    /* a bad token is 401, not a fall-back to anonymous */
    struct client bad = anonymous();
    memset(bad.token, '0', SECRET_HEX);
    h_request(h, &bad, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 401);
    error_object(&r);
    hresp_free(&r);
    snprintf(bad.token, sizeof bad.token, "short");
    h_request(h, &bad, "GET", "/api/v1/entities", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
    /* a bad token on a page sends the browser to log in */
    h_request(h, &bad, "GET", "/entities", NULL, &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);
}

static void test_logout_ends_session(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "clerk");
    struct hresp r;

    /* logging out needs the token too (no forced log-out from another site) */
    struct client none = c;
    none.csrf[0] = 0;
    h_request(h, &none, "POST", "/logout", "", &r);
    ASSERT_STATUS(r, 403);
    hresp_free(&r);

    h_request(h, &c, "POST", "/api/v1/logout", "{}", &r);
    ASSERT_STATUS(r, 200);
    assert_true(json_is_true(json_object_get(r.json, "ok")));
    assert_non_null(strstr(h_header(&r, "Set-Cookie"), "Max-Age=0"));
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
    h_request(h, &c, "GET", "/me", NULL, &r);
    ASSERT_STATUS(r, 303);
    hresp_free(&r);

    /* HTML face */
    h_login(h, &c, "clerk");
    none = c;
    none.csrf[0] = 0;
    h_requestf(h, &none, "POST", "/logout", &r, "_csrf=%s", c.csrf);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/login");
    assert_non_null(strstr(h_header(&r, "Set-Cookie"), SESSION_COOKIE "=;"));
    hresp_free(&r);
    h_request(h, &c, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 401);
    hresp_free(&r);
}

static void test_lockout_after_repeated_failures(void **state)
{
    struct harness *h = *state;
    struct hresp r;
    for (int i = 0; i < LOGIN_MAX_FAILURES_USER; i++) {
        h_request(h, NULL, "POST", "/api/v1/login",
                  "{\"username\":\"leader\",\"password\":\"guess1234\"}", &r);
        ASSERT_STATUS(r, 401);
        hresp_free(&r);
    }
    /* even the right password is refused now */
    h_requestf(h, NULL, "POST", "/api/v1/login", &r,
               "{\"username\":\"leader\",\"password\":\"%s\"}", TEST_PASSWORD);
    ASSERT_STATUS(r, 429);
    json_t *err = error_object(&r);
    assert_string_equal(json_string_value(json_object_get(err, "code")), "too_many_attempts");
    assert_non_null(strstr(json_string_value(json_object_get(err, "message")), "登录失败次数过多"));
    assert_null(h_header(&r, "Set-Cookie"));
    hresp_free(&r);

    /* the form shows the message on the login page, keeping the username */
    h_requestf(h, NULL, "POST", "/login", &r, "username=leader&password=%s", TEST_PASSWORD);
    ASSERT_STATUS(r, 429);
    ASSERT_HAS(r, "登录失败次数过多");
    ASSERT_HAS(r, "name=\"username\" value=\"leader\"");
    hresp_free(&r);

    /* other accounts are not affected */
    struct client c;
    h_login(h, &c, "viewer");
}

static void test_me_returns_username_and_roles(void **state)
{
    struct harness *h = *state;
    struct client c;
    h_login(h, &c, "auditor");
    struct hresp r;
    h_request(h, &c, "GET", "/api/v1/me", NULL, &r);
    ASSERT_STATUS(r, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "username")), "auditor");
    json_t *roles = json_object_get(r.json, "roles");
    assert_int_equal(json_array_size(roles), 1);
    assert_string_equal(json_string_value(json_array_get(roles, 0)), "auditor");
    assert_string_equal(json_string_value(json_object_get(r.json, "agency")),
                        "常州市武进区卫生健康局");
    assert_string_equal(json_string_value(json_object_get(r.json, "csrf")), c.csrf);
    hresp_free(&r);

    h_request(h, &c, "GET", "/me", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "<dd>auditor</dd>");
    ASSERT_HAS(r, "常州市武进区卫生健康局");
    hresp_free(&r);
}

/* POST /login with next = raw (already form-encoded) must send the user to want. */
static void check_next(struct harness *h, const char *encoded, const char *want)
{
    struct hresp r;
    h_requestf(h, NULL, "POST", "/login", &r, "username=viewer&password=%s&next=%s", TEST_PASSWORD,
               encoded);
    ASSERT_STATUS(r, 303);
    if (strcmp(r.location, want) != 0)
        fail_msg("next=%s went to \"%s\", expected \"%s\"", encoded, r.location, want);
    hresp_free(&r);
}

static void test_next_refuses_offsite_redirects(void **state)
{
    struct harness *h = *state;
    check_next(h, "%2F%2Fevil.example", "/");
    check_next(h, "//evil.example/x", "/");
    check_next(h, "https%3A%2F%2Fevil.example", "/");
    check_next(h, "https://evil.example", "/");
    check_next(h, "%2F%5Cevil.example", "/");    /* /\evil.example */
    check_next(h, "%2F%09%2Fevil.example", "/"); /* browsers drop the tab: //evil.example */
    check_next(h, "%2F%0A%2Fevil.example", "/"); /* … and newlines */
    check_next(h, "javascript%3Aalert(1)", "/");
    check_next(h, "%2Fentities%3Fq%3D1", "/entities?q=1"); /* local paths are kept */

    /* the login page does not carry a bad next into its form */
    struct hresp r;
    h_request(h, NULL, "GET", "/login?next=%2F%2Fevil.example", NULL, &r);
    ASSERT_STATUS(r, 200);
    ASSERT_HAS(r, "name=\"next\" value=\"/\"");
    assert_null(strstr(r.body, "evil.example"));
    hresp_free(&r);

    /* nor does a logged-in visit to it */
    struct client c;
    h_login(h, &c, "viewer");
    h_request(h, &c, "GET", "/login?next=https%3A%2F%2Fevil.example", NULL, &r);
    ASSERT_STATUS(r, 303);
    assert_string_equal(r.location, "/");
    hresp_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, harness_setup, harness_teardown)
    const struct CMUnitTest tests[] = {
        T(test_anonymous_page_redirects_to_login), T(test_anonymous_api_is_401_json),
        T(test_login_form_wrong_password),         T(test_login_form_success_sets_cookie),
        T(test_session_id_rotates_at_each_login),  T(test_csrf_required_with_cookie),
        T(test_bearer_token_needs_no_csrf),        T(test_logout_ends_session),
        T(test_lockout_after_repeated_failures),   T(test_me_returns_username_and_roles),
        T(test_next_refuses_offsite_redirects),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
