/* test_auth.c — accounts, logging in, the login rate limit, sessions, API tokens and the role
 * table. */
#include "tests/support.h"
#include "law/auth.h"
#include "law/role.h"
#include "base/codes.h"
#include "base/crypto.h"

#include <stdio.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------------------- */

static bool is_hex64(const char *s)
{
    if (strlen(s) != SECRET_HEX) return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return false;
    return true;
}

/* Create a user at 320412 with one role, as the system; returns the id. */
static int64_t new_user(struct harness *h, const char *username, enum role role)
{
    struct err e = {0};
    struct user_input in = {.username = username,
                            .display_name = username,
                            .password = TEST_PASSWORD,
                            .agency_code = "320412",
                            .roles = 1u << role};
    int64_t id = 0;
    if (user_add(&h->ctx, &in, &id, &e)) fail_msg("user_add %s: %s", username, e.msg);
    return id;
}

/* The system ctx at time now. */
static struct ctx at(struct harness *h, int64_t now)
{
    struct ctx c = h->ctx;
    c.now = now;
    return c;
}

static int login(struct ctx *c, const char *user, const char *pw, const char *ip, char *sid,
                 struct err *e)
{
    char csrf[SECRET_HEX + 1];
    err_clear(e);
    return auth_login(c, user, pw, ip, sid, csrf, e);
}

static int session(struct ctx *c, const char *sid)
{
    struct actor who;
    char csrf[SECRET_HEX + 1];
    struct err e = {0};
    return auth_session(c, sid, &who, csrf, &e);
}

static int64_t sessions_of(struct harness *h, int64_t user_id)
{
    struct err e = {0};
    int64_t n = -1;
    assert_int_equal(
        db_get_int(h->db, &e, &n, "SELECT count(*) FROM session WHERE user_id = ?", "i", user_id),
        0);
    return n;
}

/* ---- password policy and accounts ------------------------------------------------------- */

static void test_r_auth_04_password_policy(void **state)
{
    (void)state;
    struct err e = {0};
    assert_int_equal(password_policy("abcdef12", "pw", &e), 0);
    assert_int_equal(e.code, 0);
    assert_int_equal(password_policy("abc12", "pw", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "pw"), "密码至少8位");
    err_clear(&e);
    assert_int_equal(password_policy(NULL, "pw", &e), ERR_INVALID);
    err_clear(&e);
    assert_int_equal(password_policy("abcdefgh", "pw", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "pw"), "密码须同时包含字母和数字");
    err_clear(&e);
    assert_int_equal(password_policy("12345678", "pw", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "pw"), "密码须同时包含字母和数字");
    err_clear(&e);
    char longpw[130];
    memset(longpw, 'a', 128);
    longpw[0] = '1';
    longpw[128] = 0;
    assert_int_equal(password_policy(longpw, "pw", &e), 0);
    longpw[128] = 'a';
    longpw[129] = 0;
    assert_int_equal(password_policy(longpw, "pw", &e), ERR_INVALID);
    assert_string_equal(err_field_msg(&e, "pw"), "密码不超过128位");
}

static void test_user_add_validates_every_field(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    int64_t id = 0;
    static const char *const bad_names[] = {
        "ab", "has space", "张三abc", "a/b", "abcdefghijabcdefghijabcdefghijabc", ""};
    for (size_t i = 0; i < sizeof bad_names / sizeof *bad_names; i++) {
        err_clear(&e);
        struct user_input in = {.username = bad_names[i],
                                .display_name = "某某",
                                .password = TEST_PASSWORD,
                                .agency_code = "320412",
                                .roles = 1u << ROLE_CLERK};
        assert_int_equal(user_add(&c, &in, &id, &e), ERR_INVALID);
        assert_non_null(err_field_msg(&e, "username"));
    }
    err_clear(&e);
    struct user_input in = {.username = "new.user-1_x",
                            .display_name = "",
                            .password = "password",
                            .agency_code = "",
                            .roles = 0};
    assert_int_equal(user_add(&c, &in, &id, &e), ERR_INVALID);
    assert_null(err_field_msg(&e, "username"));
    assert_string_equal(err_field_msg(&e, "display_name"), "请填写姓名");
    assert_non_null(err_field_msg(&e, "password"));
    assert_non_null(err_field_msg(&e, "agency"));
    assert_string_equal(err_field_msg(&e, "roles"), "请至少选择一个角色");
    err_clear(&e);
    in = (struct user_input){.username = "new.user-1_x",
                             .display_name = "新用户",
                             .password = TEST_PASSWORD,
                             .agency_code = "320412",
                             .roles = 1u << ROLE_COUNT};
    assert_int_equal(user_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "roles"));
    assert_false(h_exists(h->db, "SELECT 1 FROM app_user WHERE username = ?", "t", "new.user-1_x"));
}

static void test_user_add_duplicate_username_is_conflict(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    int64_t id = 0;
    struct user_input in = {.username = "officer",
                            .display_name = "冒名",
                            .password = TEST_PASSWORD,
                            .agency_code = "320412",
                            .roles = 1u << ROLE_ADMIN};
    assert_int_equal(user_add(&c, &in, &id, &e), ERR_CONFLICT);
    assert_int_equal(e.code, ERR_CONFLICT);
    assert_non_null(strstr(err_field_msg(&e, "username"), "officer"));
    assert_false(h_exists(h->db, "SELECT 1 FROM app_user WHERE display_name = ?", "t", "冒名"));
}

static void test_user_add_agency_out_of_scope_is_field_error(void **state)
{
    struct harness *h = *state;
    struct actor who;
    struct ctx c = h_ctx(h, "admin", &who);
    struct err e = {0};
    int64_t id = 0;
    struct user_input in = {.username = "xinbei2",
                            .display_name = "新北用户",
                            .password = TEST_PASSWORD,
                            .agency_code = "320411",
                            .roles = 1u << ROLE_ADMIN};
    assert_int_equal(user_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "agency"));
    /* not above one's own agency either */
    err_clear(&e);
    in.agency_code = "320400";
    assert_int_equal(user_add(&c, &in, &id, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "agency"));
    assert_false(h_exists(h->db, "SELECT 1 FROM app_user WHERE username = ?", "t", "xinbei2"));
    /* the city may */
    err_clear(&e);
    struct actor wc;
    struct ctx city = h_ctx(h, "city", &wc);
    in.agency_code = "320411";
    assert_int_equal(user_add(&city, &in, &id, &e), 0);
    struct actor nw;
    h_actor(h, "xinbei2", &nw);
    assert_int_equal(nw.roles, 1u << ROLE_ADMIN);
}

/* ---- logging in ------------------------------------------------------------------------- */

static void test_login_success_returns_hex_session_and_csrf(void **state)
{
    struct harness *h = *state;
    struct ctx c = at(h, h->ctx.now);
    struct err e = {0};
    char sid[SECRET_HEX + 1], csrf[SECRET_HEX + 1];
    assert_int_equal(auth_login(&c, "officer", TEST_PASSWORD, "10.0.0.1", sid, csrf, &e), 0);
    assert_true(is_hex64(sid));
    assert_true(is_hex64(csrf));
    assert_string_not_equal(sid, csrf);
    /* only a hash of the session id is stored */
    char hash[65];
    sha256_hex(sid, strlen(sid), hash);
    assert_false(h_exists(h->db, "SELECT 1 FROM session WHERE id_hash = ?", "t", sid));
    assert_true(h_exists(h->db, "SELECT 1 FROM session WHERE id_hash = ?", "t", hash));

    struct actor who;
    char csrf2[SECRET_HEX + 1];
    assert_int_equal(auth_session(&c, sid, &who, csrf2, &e), 0);
    assert_string_equal(who.username, "officer");
    assert_string_equal(csrf2, csrf);
    assert_int_equal(who.roles, 1u << ROLE_OFFICER);
    assert_string_equal(who.agency_name, "常州市武进区卫生健康局");

    /* a second login is a different session */
    char sid2[SECRET_HEX + 1];
    assert_int_equal(login(&c, "officer", TEST_PASSWORD, "10.0.0.1", sid2, &e), 0);
    assert_string_not_equal(sid, sid2);
}

static void test_login_wrong_password_and_unknown_user_look_the_same(void **state)
{
    struct harness *h = *state;
    struct ctx c = at(h, h->ctx.now);
    struct err e1 = {0}, e2 = {0};
    char sid[SECRET_HEX + 1];
    assert_int_equal(login(&c, "legal", "wrong-pass1", "10.0.0.2", sid, &e1), ERR_UNAUTH);
    assert_int_equal(login(&c, "nosuchuser", "wrong-pass1", "10.0.0.2", sid, &e2), ERR_UNAUTH);
    assert_string_equal(e1.msg, e2.msg);
    assert_string_equal(e1.msg, "用户名或密码错误");
    assert_int_equal(e1.nfields, e2.nfields);
    /* right password, wrong case of the username */
    assert_int_equal(login(&c, "LEGAL", TEST_PASSWORD, "10.0.0.2", sid, &e2), ERR_UNAUTH);
    assert_int_equal(login(&c, "legal", "", "10.0.0.2", sid, &e2), ERR_INVALID);
    assert_int_equal(login(&c, "legal", TEST_PASSWORD, "10.0.0.2", sid, &e2), 0);
}

static void test_r_auth_01_login_locked_after_max_failures_even_with_right_password(void **state)
{
    struct harness *h = *state;
    new_user(h, "locky", ROLE_CLERK);
    int64_t t0 = h->ctx.now;
    struct ctx c = at(h, t0);
    struct err e = {0};
    char sid[SECRET_HEX + 1];
    for (int i = 0; i < LOGIN_MAX_FAILURES_USER; i++)
        assert_int_equal(login(&c, "locky", "guess1234", "10.0.1.1", sid, &e), ERR_UNAUTH);
    err_clear(&e);
    assert_int_equal(login(&c, "locky", TEST_PASSWORD, "10.0.1.1", sid, &e), ERR_LOCKED);
    assert_non_null(strstr(e.msg, "约 15 分钟后")); /* the owner is told when */
    /* other users at the same address are not affected */
    if (login(&c, "clerk", TEST_PASSWORD, "10.0.1.1", sid, &e)) fail_msg("clerk: %s", e.msg);
    /* still locked just inside the window, free after it */
    c.now = t0 + LOGIN_WINDOW_SECONDS - 1;
    assert_int_equal(login(&c, "locky", TEST_PASSWORD, "10.0.1.1", sid, &e), ERR_LOCKED);
    c.now = t0 + LOGIN_WINDOW_SECONDS + 1;
    assert_int_equal(login(&c, "locky", "guess1234", "10.0.1.1", sid, &e), ERR_UNAUTH);
}

/* Failures from one address lock the account there only, and for longer each time: nobody can
 * keep an administrator out from somewhere else. */
static void test_r_auth_01_login_lock_is_per_address_and_grows(void **state)
{
    struct harness *h = *state;
    new_user(h, "target", ROLE_ADMIN);
    int64_t t0 = h->ctx.now;
    struct ctx c = at(h, t0);
    struct err e = {0};
    char sid[SECRET_HEX + 1];
    for (int i = 0; i < LOGIN_MAX_FAILURES_USER; i++)
        assert_int_equal(login(&c, "target", "guess1234", "203.0.113.9", sid, &e), ERR_UNAUTH);
    assert_int_equal(login(&c, "target", TEST_PASSWORD, "203.0.113.9", sid, &e), ERR_LOCKED);
    /* the owner, elsewhere, logs in (and the success ends the failures) */
    assert_int_equal(login(&c, "target", TEST_PASSWORD, "10.0.9.1", sid, &e), 0);
    /* the attacker again: locked after the failures, then one try per lock, each lock twice as
     * long as the one before */
    c.now = t0 + 1000;
    for (int i = 0; i < LOGIN_MAX_FAILURES_USER - 1; i++)
        login(&c, "target", "guess1234", "203.0.113.9", sid, &e);
    for (int round = 1; round <= 3; round++) {
        assert_int_equal(login(&c, "target", "guess1234", "203.0.113.9", sid, &e), ERR_UNAUTH);
        assert_int_equal(login(&c, "target", TEST_PASSWORD, "203.0.113.9", sid, &e), ERR_LOCKED);
        int64_t lock = (int64_t)LOGIN_WINDOW_SECONDS << (round - 1);
        char want[32];
        snprintf(want, sizeof want, "约 %lld 分钟后", (long long)lock / 60);
        if (!strstr(e.msg, want)) fail_msg("round %d: %s, expected %s", round, e.msg, want);
        c.now += lock + 1; /* the lock has ended: the next round */
    }
}

static void test_r_auth_01_login_success_clears_earlier_failures(void **state)
{
    struct harness *h = *state;
    new_user(h, "forgetful", ROLE_CLERK);
    struct ctx c = at(h, h->ctx.now);
    struct err e = {0};
    char sid[SECRET_HEX + 1];
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < LOGIN_MAX_FAILURES_USER - 1; i++)
            assert_int_equal(login(&c, "forgetful", "guess1234", "10.0.2.1", sid, &e), ERR_UNAUTH);
        assert_int_equal(login(&c, "forgetful", TEST_PASSWORD, "10.0.2.1", sid, &e), 0);
    }
}

static void test_r_auth_02_login_address_locked_after_many_failures(void **state)
{
    struct harness *h = *state;
    struct ctx c = at(h, h->ctx.now);
    struct err e = {0};
    char sid[SECRET_HEX + 1], name[32];
    for (int i = 0; i < LOGIN_MAX_FAILURES_IP; i++) {
        snprintf(name, sizeof name, "ghost%d", i);
        assert_int_equal(login(&c, name, "guess1234", "10.66.6.6", sid, &e), ERR_UNAUTH);
    }
    assert_int_equal(login(&c, "leader", TEST_PASSWORD, "10.66.6.6", sid, &e), ERR_LOCKED);
    assert_int_equal(login(&c, "leader", TEST_PASSWORD, "10.66.6.7", sid, &e), 0);
}

static void test_r_auth_05_disabled_user_cannot_log_in_and_loses_sessions_and_tokens(void **state)
{
    struct harness *h = *state;
    int64_t uid = new_user(h, "leaving", ROLE_OFFICER);
    struct actor wa;
    struct ctx admin = h_ctx(h, "admin", &wa);
    struct ctx c = at(h, h->ctx.now);
    struct err e = {0};
    char sid[SECRET_HEX + 1], token[SECRET_HEX + 1];
    assert_int_equal(login(&c, "leaving", TEST_PASSWORD, "10.0.3.1", sid, &e), 0);
    assert_int_equal(token_create(&admin, "leaving", "报表同步", token, &e), 0);
    char old_token[SECRET_HEX + 1];
    memcpy(old_token, token, sizeof old_token);
    struct actor who;
    assert_int_equal(auth_token(&c, token, &who, &e), 0);
    assert_string_equal(who.username, "leaving");
    assert_int_equal(session(&c, sid), 0);

    /* another county cannot disable them, nor may one disable oneself */
    struct actor wo;
    struct ctx other = h_ctx(h, "other", &wo);
    assert_int_equal(user_set_active(&other, uid, false, &e), ERR_NOTFOUND);
    err_clear(&e);
    assert_int_equal(user_set_active(&admin, wa.user_id, false, &e), ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(session(&c, sid), 0);

    assert_int_equal(user_set_active(&admin, uid, false, &e), 0);
    assert_int_equal(sessions_of(h, uid), 0);
    assert_int_equal(session(&c, sid), ERR_UNAUTH);
    assert_int_equal(auth_token(&c, token, &who, &e), ERR_UNAUTH);
    struct err e2 = {0};
    assert_int_equal(login(&c, "leaving", TEST_PASSWORD, "10.0.3.1", sid, &e), ERR_UNAUTH);
    assert_int_equal(login(&c, "nosuchuser", TEST_PASSWORD, "10.0.3.1", sid, &e2), ERR_UNAUTH);
    assert_string_equal(e.msg, e2.msg);
    assert_int_equal(token_create(&admin, "leaving", "再来一个", token, &e), ERR_NOTFOUND);

    /* enabled again they may log in, but the old token stays revoked */
    err_clear(&e);
    assert_int_equal(user_set_active(&admin, uid, true, &e), 0);
    assert_int_equal(login(&c, "leaving", TEST_PASSWORD, "10.0.3.1", sid, &e), 0);
    assert_int_equal(auth_token(&c, old_token, &who, &e), ERR_UNAUTH);
}

/* ---- sessions --------------------------------------------------------------------------- */

static void test_r_auth_03_session_expires_after_idle_time(void **state)
{
    struct harness *h = *state;
    int64_t t0 = h->ctx.now;
    struct ctx c = at(h, t0);
    struct err e = {0};
    char sid[SECRET_HEX + 1], sid2[SECRET_HEX + 1];
    assert_int_equal(login(&c, "auditor", TEST_PASSWORD, "10.0.4.1", sid, &e), 0);
    assert_int_equal(login(&c, "auditor", TEST_PASSWORD, "10.0.4.1", sid2, &e), 0);
    c.now = t0 + SESSION_IDLE_SECONDS; /* exactly the idle limit: still alive */
    assert_int_equal(session(&c, sid2), 0);
    c.now = t0 + SESSION_IDLE_SECONDS + 1;
    assert_int_equal(session(&c, sid), ERR_UNAUTH);
    /* and it is gone for good, even if the clock were earlier */
    c.now = t0 + 10;
    assert_int_equal(session(&c, sid), ERR_UNAUTH);
}

static void test_r_auth_03_session_expires_at_absolute_lifetime_despite_activity(void **state)
{
    struct harness *h = *state;
    int64_t t0 = h->ctx.now;
    struct ctx c = at(h, t0);
    struct err e = {0};
    char sid[SECRET_HEX + 1];
    assert_int_equal(login(&c, "leader", TEST_PASSWORD, "10.0.5.1", sid, &e), 0);
    /* activity every 100 minutes keeps it alive past the 2-hour idle limit … */
    int64_t step = SESSION_IDLE_SECONDS - 1200, t = t0;
    while (t + step <= t0 + SESSION_MAX_SECONDS) {
        t += step;
        c.now = t;
        assert_int_equal(session(&c, sid), 0);
    }
    assert_true(t - t0 > SESSION_IDLE_SECONDS);
    /* … but not past 12 hours */
    c.now = t0 + SESSION_MAX_SECONDS + 1;
    assert_int_equal(session(&c, sid), ERR_UNAUTH);
}

static void test_session_unknown_or_malformed_sid_is_refused(void **state)
{
    struct harness *h = *state;
    struct ctx c = at(h, h->ctx.now);
    char sid[SECRET_HEX + 1];
    memset(sid, 'a', SECRET_HEX);
    sid[SECRET_HEX] = 0;
    assert_int_equal(session(&c, sid), ERR_UNAUTH);
    assert_int_equal(session(&c, "abc"), ERR_UNAUTH);
    assert_int_equal(session(&c, ""), ERR_UNAUTH);
    assert_int_equal(session(&c, NULL), ERR_UNAUTH);
    /* a real session id with one character changed */
    struct err e = {0};
    assert_int_equal(login(&c, "viewer", TEST_PASSWORD, "10.0.6.1", sid, &e), 0);
    assert_int_equal(session(&c, sid), 0);
    sid[0] = sid[0] == '0' ? '1' : '0';
    assert_int_equal(session(&c, sid), ERR_UNAUTH);
}

static void test_logout_ends_the_session(void **state)
{
    struct harness *h = *state;
    struct ctx c = at(h, h->ctx.now);
    struct err e = {0};
    char sid[SECRET_HEX + 1];
    assert_int_equal(login(&c, "viewer", TEST_PASSWORD, "10.0.6.2", sid, &e), 0);
    struct actor who;
    char csrf[SECRET_HEX + 1];
    assert_int_equal(auth_session(&c, sid, &who, csrf, &e), 0);
    struct ctx uc = c;
    uc.who = &who;
    assert_int_equal(auth_logout(&uc, sid, &e), 0);
    assert_int_equal(session(&c, sid), ERR_UNAUTH);
}

static void test_r_auth_05_set_password_ends_sessions(void **state)
{
    struct harness *h = *state;
    int64_t uid = new_user(h, "resetme", ROLE_CLERK);
    struct actor wa;
    struct ctx admin = h_ctx(h, "admin", &wa);
    struct ctx c = at(h, h->ctx.now);
    struct err e = {0};
    char sid[SECRET_HEX + 1], sid2[SECRET_HEX + 1];
    assert_int_equal(login(&c, "resetme", TEST_PASSWORD, "10.0.7.1", sid, &e), 0);
    assert_int_equal(login(&c, "resetme", TEST_PASSWORD, "10.0.7.2", sid2, &e), 0);
    assert_int_equal(sessions_of(h, uid), 2);
    assert_int_equal(user_set_password(&admin, "resetme", 0, "short", &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "password"));
    assert_int_equal(session(&c, sid), 0);
    err_clear(&e);
    assert_int_equal(user_set_password(&admin, "resetme", 0, "newpass2026", &e), 0);
    assert_int_equal(sessions_of(h, uid), 0);
    assert_int_equal(session(&c, sid), ERR_UNAUTH);
    assert_int_equal(session(&c, sid2), ERR_UNAUTH);
    assert_int_equal(login(&c, "resetme", TEST_PASSWORD, "10.0.7.1", sid, &e), ERR_UNAUTH);
    assert_int_equal(login(&c, "resetme", "newpass2026", "10.0.7.1", sid, &e), 0);
    /* another county cannot reset it */
    struct actor wo;
    struct ctx other = h_ctx(h, "other", &wo);
    err_clear(&e);
    assert_int_equal(user_set_password(&other, "resetme", 0, "hijack2026", &e), ERR_NOTFOUND);
    assert_int_equal(login(&c, "resetme", "newpass2026", "10.0.7.1", sid, &e), 0);
}

/* ---- API tokens ------------------------------------------------------------------------- */

static void test_token_create_and_use_and_revoked_token_refused(void **state)
{
    struct harness *h = *state;
    struct actor wa;
    struct ctx admin = h_ctx(h, "admin", &wa);
    struct err e = {0};
    char token[SECRET_HEX + 1], token2[SECRET_HEX + 1];
    assert_int_equal(token_create(&admin, "clerk", "数据对接", token, &e), 0);
    assert_true(is_hex64(token));
    char hash[65];
    sha256_hex(token, strlen(token), hash);
    assert_false(h_exists(h->db, "SELECT 1 FROM api_token WHERE token_hash = ?", "t", token));
    assert_true(h_exists(h->db, "SELECT 1 FROM api_token WHERE token_hash = ?", "t", hash));
    assert_int_equal(token_create(&admin, "clerk", "备用", token2, &e), 0);

    struct actor who;
    assert_int_equal(auth_token(&admin, token, &who, &e), 0);
    assert_string_equal(who.username, "clerk");
    assert_int_equal(who.roles, 1u << ROLE_CLERK);

    assert_int_equal(db_exec(h->db, &e, "UPDATE api_token SET revoked_at = ? WHERE token_hash = ?",
                             "it", admin.now, hash),
                     1);
    assert_int_equal(auth_token(&admin, token, &who, &e), ERR_UNAUTH);
    err_clear(&e);
    assert_int_equal(auth_token(&admin, token2, &who, &e), 0); /* the other one still works */

    char fake[SECRET_HEX + 1];
    memset(fake, 'f', SECRET_HEX);
    fake[SECRET_HEX] = 0;
    assert_int_equal(auth_token(&admin, fake, &who, &e), ERR_UNAUTH);
    err_clear(&e);
    assert_int_equal(auth_token(&admin, "short", &who, &e), ERR_UNAUTH);
    err_clear(&e);
    /* no token without a name, and none for a user out of scope */
    assert_int_equal(token_create(&admin, "clerk", " ", token, &e), ERR_INVALID);
    assert_non_null(err_field_msg(&e, "name"));
    err_clear(&e);
    assert_int_equal(token_create(&admin, "other", "越权", token, &e), ERR_NOTFOUND);
}

/* ---- the role table --------------------------------------------------------------------- */

static void test_r_auth_07_role_allows_table(void **state)
{
    (void)state;
#define R(x) (1u << (x))
    assert_false(role_allows(R(ROLE_VIEWER), PERM_ENTITY_WRITE));
    assert_true(role_allows(R(ROLE_VIEWER), PERM_ENTITY_READ));
    assert_true(role_allows(R(ROLE_CLERK), PERM_ENTITY_WRITE));
    assert_true(role_allows(R(ROLE_OFFICER), PERM_ENTITY_WRITE));
    assert_true(role_allows(R(ROLE_AUDITOR), PERM_AUDIT_READ));
    assert_true(role_allows(R(ROLE_ADMIN), PERM_AUDIT_READ));
    assert_false(role_allows(R(ROLE_OFFICER), PERM_AUDIT_READ));
    assert_false(role_allows(R(ROLE_OFFICER), PERM_USER_ADMIN));
    assert_false(role_allows(R(ROLE_LEADER), PERM_USER_ADMIN));
    assert_true(role_allows(R(ROLE_ADMIN), PERM_USER_ADMIN));
    assert_false(role_allows(R(ROLE_OFFICER), PERM_OFFICER_WRITE));
    assert_false(role_allows(R(ROLE_AUDITOR), PERM_CALENDAR_ADMIN));
    /* several roles: the union */
    assert_true(role_allows(R(ROLE_VIEWER) | R(ROLE_CLERK), PERM_ENTITY_WRITE));
    /* PERM_NONE is never allowed, not even to every role at once; no login means no staff perm */
    assert_false(role_allows(~0u, PERM_NONE));
    assert_false(role_allows(0, PERM_NONE));
    assert_false(role_allows(0, PERM_LOGIN));
    assert_false(role_allows(0, PERM_ENTITY_READ));
    assert_true(role_allows(0, PERM_PUBLIC));
    assert_false(role_allows(~0u, PERM_COUNT));
    assert_false(role_allows(~0u, (enum perm) - 1));
    for (int r = 0; r < ROLE_COUNT; r++) {
        assert_true(role_allows(R(r), PERM_LOGIN));
        assert_int_equal(role_parse(role_code((enum role)r)), r);
    }
    assert_int_equal(role_parse("root"), -1);
#undef R
}

/* The read-only role sees a 身份证号 masked (region and last four); a role with
 * PERM_PERSONAL_READ, and the system, see it whole. */
static void test_r_auth_08_viewer_sees_id_numbers_masked(void **state)
{
    struct harness *h = *state;
    char idno[IDCARD_LEN + 1], masked[IDCARD_LEN + 1];
    h_idno(3, idno);
    snprintf(masked, sizeof masked, "%.6s********%s", idno, idno + 14);
    struct actor viewer, officer;
    struct ctx vc = h_ctx(h, "viewer", &viewer), oc = h_ctx(h, "officer", &officer);
    assert_false(role_allows(viewer.roles, PERM_PERSONAL_READ));
    assert_string_equal(role_idcard_shown(&vc, idno), masked);
    assert_true(role_allows(officer.roles, PERM_PERSONAL_READ));
    assert_string_equal(role_idcard_shown(&oc, idno), idno);
    assert_string_equal(role_idcard_shown(&h->ctx, idno), idno);
    assert_null(role_idcard_shown(&vc, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_r_auth_04_password_policy),
        cmocka_unit_test(test_user_add_validates_every_field),
        cmocka_unit_test(test_user_add_duplicate_username_is_conflict),
        cmocka_unit_test(test_user_add_agency_out_of_scope_is_field_error),
        cmocka_unit_test(test_login_success_returns_hex_session_and_csrf),
        cmocka_unit_test(test_login_wrong_password_and_unknown_user_look_the_same),
        cmocka_unit_test(test_r_auth_01_login_locked_after_max_failures_even_with_right_password),
        cmocka_unit_test(test_r_auth_01_login_lock_is_per_address_and_grows),
        cmocka_unit_test(test_r_auth_01_login_success_clears_earlier_failures),
        cmocka_unit_test(test_r_auth_02_login_address_locked_after_many_failures),
        cmocka_unit_test(test_r_auth_05_disabled_user_cannot_log_in_and_loses_sessions_and_tokens),
        cmocka_unit_test(test_r_auth_03_session_expires_after_idle_time),
        cmocka_unit_test(test_r_auth_03_session_expires_at_absolute_lifetime_despite_activity),
        cmocka_unit_test(test_session_unknown_or_malformed_sid_is_refused),
        cmocka_unit_test(test_logout_ends_the_session),
        cmocka_unit_test(test_r_auth_05_set_password_ends_sessions),
        cmocka_unit_test(test_token_create_and_use_and_revoked_token_refused),
        cmocka_unit_test(test_r_auth_07_role_allows_table),
        cmocka_unit_test(test_r_auth_08_viewer_sees_id_numbers_masked),
    };
    return cmocka_run_group_tests(tests, harness_setup, harness_teardown);
}
