/* session.c — logging in, sessions and API tokens (declared in auth.h). */
#include "law/auth.h"
#include "law/audit.h"
#include "law/role.h"
#include "base/crypto.h"
#include "base/log.h"

#include <string.h>

/* A password hash to verify against when the user does not exist, so that timing does not tell
 * which usernames exist. Computed once. */
static const char *dummy_hash(void)
{
    static char hash[PASSWORD_HASH_MAX];
    if (!hash[0]) password_hash("landun-not-a-password-1", hash);
    return hash;
}

/* Read the one row of st (count, first, last of some failed logins) and end it; zeros when the
 * query failed (the limit then lets the login be tried: the password is still checked). */
static void failure_span(struct db_stmt *st, int64_t *n, int64_t *first, int64_t *last)
{
    struct err e = {0};
    *n = *first = *last = 0;
    if (st && db_step(st, &e) == DB_ROW) {
        *n = db_int(st, 0);
        *first = db_null(st, 1) ? 0 : db_int(st, 1);
        *last = db_null(st, 2) ? 0 : db_int(st, 2);
    }
    db_done(st);
}

/* When logins of username from ip are refused until, in UTC seconds (0: they are not). */
static int64_t locked_until(struct ctx *c, const char *username, const char *ip)
{
    int64_t n, first, last, until = 0;
    struct err e = {0};
    /* [R-AUTH-01] the account at this address: locked once it has failed LOGIN_MAX_FAILURES_USER
     * times, and each failure after that (one try per lock) doubles the lock */
    failure_span(db_query(c->db, &e,
                          "SELECT count(*), MIN(at), MAX(at) FROM login_attempt WHERE username = ?"
                          " AND ip = ? AND ok = 0 AND at > ?",
                          "tti", username, ip, c->now - 24 * 3600),
                 &n, &first, &last);
    if (n >= LOGIN_MAX_FAILURES_USER) {
        int64_t lock = LOGIN_WINDOW_SECONDS;
        for (int64_t k = n - LOGIN_MAX_FAILURES_USER; k > 0 && lock < LOGIN_LOCK_MAX_SECONDS; k--)
            lock *= 2;
        if (lock > LOGIN_LOCK_MAX_SECONDS) lock = LOGIN_LOCK_MAX_SECONDS;
        if (last + lock > c->now) until = last + lock;
    }
    /* [R-AUTH-02] the address, whatever the accounts */
    failure_span(db_query(c->db, &e,
                          "SELECT count(*), MIN(at), MAX(at) FROM login_attempt WHERE ip = ?"
                          " AND ok = 0 AND at > ?",
                          "ti", ip, c->now - LOGIN_WINDOW_SECONDS),
                 &n, &first, &last);
    if (n >= LOGIN_MAX_FAILURES_IP && first + LOGIN_WINDOW_SECONDS > until)
        until = first + LOGIN_WINDOW_SECONDS;
    return until;
}

static void record_attempt(struct ctx *c, const char *username, const char *ip, bool ok)
{
    struct err e = {0};
    db_exec(c->db, &e, "INSERT INTO login_attempt (username, ip, at, ok) VALUES (?, ?, ?, ?)",
            "ttii", username, ip, c->now, (int64_t)ok);
    if (ok) /* [R-AUTH-01] a success clears the user's failures */
        db_exec(c->db, &e, "DELETE FROM login_attempt WHERE username = ? AND ok = 0", "t",
                username);
    db_exec(c->db, &e, "DELETE FROM login_attempt WHERE at < ?", "i", c->now - 24 * 3600);
}

/* Look up username → id, hash, status and agency (the login's audit row belongs to it). */
static int find_login(struct ctx *c, const char *username, int64_t *id, char *hash, bool *active,
                      int64_t *agency_id, struct err *e)
{
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT id, password_hash, status, agency_id FROM app_user"
                                  " WHERE username = ?",
                                  "t", username);
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        *id = db_int(st, 0);
        snprintf(hash, PASSWORD_HASH_MAX, "%s", db_text(st, 1));
        *active = strcmp(db_text(st, 2), "active") == 0;
        *agency_id = db_int(st, 3);
        rc = 0;
    } else if (rc == DB_DONE) {
        rc = ERR_NOTFOUND;
    }
    db_done(st);
    return rc;
}

static int new_session(struct ctx *c, int64_t user_id, const char *ip, char *sid, char *csrf,
                       struct err *e)
{
    char sid_hash[65];
    random_hex(sid, SECRET_HEX / 2);
    random_hex(csrf, SECRET_HEX / 2);
    sha256_hex(sid, strlen(sid), sid_hash);
    int64_t n = db_exec(c->db, e,
                        "INSERT INTO session (id_hash, user_id, csrf, created_at, seen_at, ip)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        "titiit", sid_hash, user_id, csrf, c->now, c->now, ip);
    return n < 0 ? (int)n : 0;
}

int auth_login(struct ctx *c, const char *username, const char *password, const char *ip, char *sid,
               char *csrf, struct err *e)
{
    if (str_blank(username)) err_field(e, "username", "请输入用户名");
    if (!password || !*password) err_field(e, "password", "请输入密码");
    if (e->code) return e->code;
    if (!ip) ip = "";
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t until = locked_until(c, username, ip);
    if (until) {
        db_rollback(c->db);
        int64_t local = until + 8 * 3600, minutes = (until - c->now + 59) / 60;
        return err_set(e, ERR_LOCKED,
                       "登录失败次数过多，暂停登录：%02d:%02d 后（约 %lld 分钟后）可再试",
                       (int)(local / 3600 % 24), (int)(local / 60 % 60), (long long)minutes);
    }
    int64_t id = 0, agency_id = 0;
    char hash[PASSWORD_HASH_MAX];
    bool active = false;
    rc = find_login(c, username, &id, hash, &active, &agency_id, e);
    if (rc < 0 && rc != ERR_NOTFOUND) goto fail;
    bool ok = password_verify(rc == 0 ? hash : dummy_hash(), password) && rc == 0 && active;
    record_attempt(c, username, ip, ok);
    if (!ok) {
        db_commit(c->db, e);
        return err_set(e, ERR_UNAUTH, "用户名或密码错误");
    }
    rc = new_session(c, id, ip, sid, csrf, e);
    if (rc) goto fail;
    struct actor who = {.user_id = id, .username = username, .agency_id = agency_id};
    const struct actor *saved = c->who;
    c->who = &who;
    rc = audit_write(c, "user.login", "user", id, "登录（%s）", ip);
    c->who = saved;
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

/* The account, its agency and its roles: one query, a row per role (every authenticated request
 * runs it; on PostgreSQL each query is a round trip). Completed by a WHERE on u. */
#define ACTOR_SQL                                                                                  \
    "SELECT u.id, u.username, u.display_name, u.agency_id, a.path, a.name, u.status, r.role"       \
    " FROM app_user u JOIN agency a ON a.id = u.agency_id"                                         \
    " LEFT JOIN user_role r ON r.user_id = u.id WHERE "

/* Fill who from the rows of an ACTOR_SQL query, the first of them stepped to already (rc, what
 * db_step returned), and end st; ERR_NOTFOUND when it has none, ERR_FORBIDDEN when the account
 * is disabled. */
static int actor_rows(struct ctx *c, struct db_stmt *st, int rc, struct actor *who, struct err *e)
{
    if (rc == DB_ROW && strcmp(db_text(st, 6), "active") == 0) {
        who->user_id = db_int(st, 0);
        who->username = arena_strdup(c->arena, db_text(st, 1));
        who->display_name = arena_strdup(c->arena, db_text(st, 2));
        who->agency_id = db_int(st, 3);
        who->agency_path = arena_strdup(c->arena, db_text(st, 4));
        who->agency_name = arena_strdup(c->arena, db_text(st, 5));
        who->roles = 0;
        for (; rc == DB_ROW; rc = db_step(st, e)) {
            int r = db_null(st, 7) ? -1 : role_parse(db_text(st, 7));
            if (r >= 0) who->roles |= 1u << r;
        }
        rc = rc < 0 ? rc : 0;
    } else if (rc >= 0) {
        rc = rc == DB_ROW ? ERR_FORBIDDEN : ERR_NOTFOUND;
    }
    db_done(st);
    return rc;
}

/* Fill who from the rows of an ACTOR_SQL query. */
static int fill_actor(struct ctx *c, struct db_stmt *st, struct actor *who, struct err *e)
{
    if (!st) return e->code;
    return actor_rows(c, st, db_step(st, e), who, e);
}

/* Fill who from the user row (id, username, display name, agency) and roles. */
static int load_actor_row(struct ctx *c, int64_t user_id, struct actor *who, struct err *e)
{
    int rc = fill_actor(c, db_query(c->db, e, ACTOR_SQL "u.id = ?", "i", user_id), who, e);
    if (rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN)
        return err_set(e, ERR_UNAUTH, "账户不存在或已停用");
    return rc;
}

int auth_load_actor(struct ctx *c, int64_t user_id, struct actor *who, struct err *e)
{
    return load_actor_row(c, user_id, who, e);
}

/* Refresh a session's idle timer. A concurrent request of the same session may have refreshed it
 * already (on PostgreSQL the second writer of a row in a snapshot fails): that is as good, so a
 * failure is undone on its own and ignored, and the request goes on. */
static void touch(struct db *db, const char *sid_hash, int64_t now)
{
    struct err e = {0};
    if (db_begin(db, &e)) return;
    if (db_exec(db, &e, "UPDATE session SET seen_at = ? WHERE id_hash = ?", "it", now, sid_hash) <
        0)
        db_rollback(db);
    else if (db_commit(db, &e))
        log_warn("session refresh: %s", e.msg);
}

/* The session with its account, agency and roles: ACTOR_SQL's columns, then the session's. */
#define SESSION_SQL                                                                                \
    "SELECT u.id, u.username, u.display_name, u.agency_id, a.path, a.name, u.status, r.role,"      \
    " s.csrf, s.created_at, s.seen_at FROM session s JOIN app_user u ON u.id = s.user_id"          \
    " JOIN agency a ON a.id = u.agency_id LEFT JOIN user_role r ON r.user_id = u.id"               \
    " WHERE s.id_hash = ?"

int auth_session(struct ctx *c, const char *sid, struct actor *who, char *csrf, struct err *e)
{
    if (!sid || strlen(sid) != SECRET_HEX) return err_set(e, ERR_UNAUTH, "请先登录");
    char sid_hash[65];
    sha256_hex(sid, strlen(sid), sid_hash);
    /* one query: on PostgreSQL every query is a round trip, and this runs on every page */
    struct db_stmt *st = db_query(c->db, e, SESSION_SQL, "t", sid_hash);
    if (!st) return e->code;
    int rc = db_step(st, e);
    int64_t created = 0, seen = 0;
    if (rc == DB_ROW) {
        snprintf(csrf, SECRET_HEX + 1, "%s", db_text(st, 8));
        created = db_int(st, 9);
        seen = db_int(st, 10);
    }
    /* [R-AUTH-03] idle too long, or logged in too long ago */
    if (rc < 0 || rc == DB_DONE || c->now - seen > SESSION_IDLE_SECONDS ||
        c->now - created > SESSION_MAX_SECONDS) {
        db_done(st);
        if (rc < 0) return rc;
        if (rc == DB_ROW) db_exec(c->db, e, "DELETE FROM session WHERE id_hash = ?", "t", sid_hash);
        return err_set(e, ERR_UNAUTH, "登录已过期，请重新登录");
    }
    rc = actor_rows(c, st, rc, who, e);
    if (rc == ERR_NOTFOUND || rc == ERR_FORBIDDEN)
        return err_set(e, ERR_UNAUTH, "账户不存在或已停用");
    /* Refresh the idle timer at most once a minute: most requests then only read. */
    if (!rc && c->now - seen >= 60) touch(c->db, sid_hash, c->now);
    return rc;
}

int auth_logout(struct ctx *c, const char *sid, struct err *e)
{
    char sid_hash[65];
    sha256_hex(sid, strlen(sid), sid_hash);
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    if (db_exec(c->db, e, "DELETE FROM session WHERE id_hash = ?", "t", sid_hash) < 0 ||
        audit_write(c, "user.logout", "user", c->who->user_id, "退出登录")) {
        db_rollback(c->db);
        return e->code ? e->code : ERR_INTERNAL;
    }
    return db_commit(c->db, e);
}

int token_create(struct ctx *c, const char *username, const char *name, char *token, struct err *e)
{
    if (str_blank(name)) return err_field(e, "name", "请填写令牌名称（用途）");
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    const char *like = actor_scope(c);
    int64_t user_id;
    rc = db_get_int(c->db, e, &user_id,
                    "SELECT u.id FROM app_user u JOIN agency a ON a.id = u.agency_id"
                    " WHERE u.username = ? AND a.path LIKE ? AND u.status = 'active'",
                    "tt", username, like);
    if (rc == ERR_NOTFOUND) rc = err_set(e, ERR_NOTFOUND, "用户 %s 不存在或已停用", username);
    char hash[65];
    random_hex(token, SECRET_HEX / 2);
    sha256_hex(token, strlen(token), hash);
    int64_t id = 0;
    if (!rc)
        rc = db_get_int(c->db, e, &id,
                        "INSERT INTO api_token (token_hash, user_id, name, created_at)"
                        " VALUES (?, ?, ?, ?) RETURNING id",
                        "titi", hash, user_id, name, c->now);
    if (!rc)
        rc = audit_write(c, "token.create", "user", user_id, "为用户 %s 创建API令牌“%s”", username,
                         name);
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int auth_token(struct ctx *c, const char *token, struct actor *who, struct err *e)
{
    if (!token || strlen(token) != SECRET_HEX) return err_set(e, ERR_UNAUTH, "API令牌无效");
    char hash[65];
    sha256_hex(token, strlen(token), hash);
    int rc = fill_actor(c,
                        db_query(c->db, e,
                                 ACTOR_SQL "u.id = (SELECT user_id FROM api_token"
                                           " WHERE token_hash = ? AND revoked_at IS NULL)",
                                 "t", hash),
                        who, e);
    if (rc == ERR_NOTFOUND) return err_set(e, ERR_UNAUTH, "API令牌无效或已撤销");
    if (rc == ERR_FORBIDDEN) return err_set(e, ERR_UNAUTH, "账户不存在或已停用");
    return rc;
}
