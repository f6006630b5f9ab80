/* auth.c — accounts and authentication. Secrets are stored only as hashes. */
#include "law/area.h"
#include "base/jpack.h"
#include "law/auth.h"
#include "law/agency.h"
#include "law/audit.h"
#include "law/role.h"
#include "base/crypto.h"
#include "base/log.h"

#include <ctype.h>
#include <string.h>

const struct actor actor_system = {
    .user_id = 0,
    .username = "system",
    .display_name = "系统",
    .agency_path = "/",
    .roles = 1u << ROLE_ADMIN,
};

/* [R-AUTH-04] */
int password_policy(const char *pw, const char *field, struct err *e)
{
    bool letter = false, digit = false;
    for (const char *p = pw ? pw : ""; *p; p++) {
        letter |= isalpha((unsigned char)*p) != 0;
        digit |= isdigit((unsigned char)*p) != 0;
    }
    if (!pw || strlen(pw) < PASSWORD_MIN_LEN)
        return err_field(e, field, "密码至少%d位", PASSWORD_MIN_LEN);
    if (strlen(pw) > 128) return err_field(e, field, "密码不超过128位");
    if (!letter || !digit) return err_field(e, field, "密码须同时包含字母和数字");
    return 0;
}

bool auth_username_ok(const char *u)
{
    size_t n = u ? strlen(u) : 0;
    if (n < 3 || n > 32) return false;
    for (; *u; u++)
        if (!isalnum((unsigned char)*u) && *u != '.' && *u != '_' && *u != '-') return false;
    return true;
}

static int insert_roles(struct ctx *c, int64_t user_id, unsigned roles, struct err *e)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        if (!(roles & (1u << r))) continue;
        if (db_exec(c->db, e, "INSERT INTO user_role (user_id, role) VALUES (?, ?)", "it", user_id,
                    role_code((enum role)r)) < 0)
            return e->code;
    }
    return 0;
}

static void validate_user(const struct user_input *in, struct err *e)
{
    if (!auth_username_ok(in->username))
        err_field(e, "username", "用户名为3–32位字母、数字或 . _ -");
    if (str_blank(in->display_name))
        err_field(e, "display_name", "请填写姓名");
    else if (utf8_len(in->display_name) > 30)
        err_field(e, "display_name", "姓名不超过30个字");
    password_policy(in->password, "password", e);
    if (str_blank(in->agency_code)) err_field(e, "agency", "请选择所属机构");
    if (!in->roles || in->roles >= (1u << ROLE_COUNT)) err_field(e, "roles", "请至少选择一个角色");
}

/* The id of the officer with cert_no in the actor's scope, or 0 with a field error in e. */
static int64_t officer_by_cert(struct ctx *c, const char *cert_no, const char *field, struct err *e)
{
    int64_t id = 0;
    struct err scratch = {0};
    int rc = db_get_int(c->db, &scratch, &id,
                        "SELECT o.id FROM officer o JOIN agency a ON a.id = o.agency_id"
                        " WHERE o.cert_no = ? AND a.path LIKE ?",
                        "tt", cert_no, actor_scope(c));
    if (rc == ERR_NOTFOUND)
        err_field(e, field, "执法证号 %s 的执法人员不存在或不在您的管辖范围内", cert_no);
    else if (rc)
        *e = scratch;
    return rc ? 0 : id;
}

int user_add(struct ctx *c, const struct user_input *in, int64_t *id, struct err *e)
{
    validate_user(in, e);
    if (e->code) return e->code;
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(in->password, hash)) return err_set(e, ERR_INTERNAL, "无法计算密码哈希");
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t agency_id;
    rc = agency_find(c, in->agency_code, &agency_id, NULL, e);
    if (rc) {
        err_clear(e);
        rc = err_field(e, "agency", "机构 %s 不存在或不在您的管辖范围内", in->agency_code);
        goto fail;
    }
    int64_t officer = in->officer_id, linked = 0;
    if (!str_blank(in->officer_cert) &&
        !(officer = officer_by_cert(c, in->officer_cert, "officer", e))) {
        rc = e->code;
        goto fail;
    }
    if (officer && db_get_int(c->db, e, &linked,
                              "SELECT COUNT(*) FROM app_user WHERE officer_id = ?", "i", officer)) {
        rc = e->code;
        goto fail;
    }
    if (linked) {
        rc = err_field(e, "officer", "该执法人员已关联其他账户");
        goto fail;
    }
    int taken = db_exists(c->db, e, "SELECT 1 FROM app_user WHERE username = ?", "t", in->username);
    if (taken < 0) {
        rc = taken;
        goto fail;
    }
    if (taken) {
        err_field(e, "username", "用户名 %s 已被使用", in->username);
        rc = e->code = ERR_CONFLICT;
        goto fail;
    }
    rc = db_get_int(c->db, e, id,
                    "INSERT INTO app_user (username, display_name, password_hash, agency_id,"
                    " officer_id, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    " RETURNING id",
                    "tttiIii", in->username, in->display_name, hash, agency_id, officer, c->now,
                    c->now);
    if (!rc) rc = insert_roles(c, *id, in->roles, e);
    if (!rc)
        rc = audit_write(c, "user.create", "user", *id, "新建用户 %s（%s）", in->username,
                         in->display_name);
    if (rc) goto fail;
    return db_commit(c->db, e);
fail:
    db_rollback(c->db);
    return rc;
}

/* The id of a user in the actor's scope, or ERR_NOTFOUND. */
static int user_in_scope(struct ctx *c, const char *username, int64_t user_id, int64_t *id,
                         struct err *e)
{
    const char *like = actor_scope(c);
    int rc = db_get_int(c->db, e, id,
                        "SELECT u.id FROM app_user u JOIN agency a ON a.id = u.agency_id"
                        " WHERE (u.username = ? OR u.id = ?) AND a.path LIKE ?",
                        "tit", username, user_id, like);
    if (rc == ERR_NOTFOUND) err_set(e, ERR_NOTFOUND, "用户不存在");
    return rc;
}

int user_set_password(struct ctx *c, const char *username, int64_t user_id, const char *password,
                      struct err *e)
{
    if (password_policy(password, "password", e)) return e->code;
    char hash[PASSWORD_HASH_MAX];
    if (password_hash(password, hash)) return err_set(e, ERR_INTERNAL, "无法计算密码哈希");
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t id;
    rc = user_in_scope(c, username, user_id, &id, e);
    if (!rc && db_exec(c->db, e,
                       "UPDATE app_user SET password_hash = ?, password_changed_at = ?"
                       " WHERE id = ?",
                       "tii", hash, c->now, id) < 0)
        rc = e->code;
    /* [R-AUTH-05] a new password ends the account's sessions */
    if (!rc && db_exec(c->db, e, "DELETE FROM session WHERE user_id = ?", "i", id) < 0)
        rc = e->code;
    if (!rc) rc = audit_write(c, "user.password", "user", id, "重置用户密码");
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int user_set_roles(struct ctx *c, int64_t user_id, unsigned roles, struct err *e)
{
    if (!roles || roles >= (1u << ROLE_COUNT)) return err_field(e, "roles", "请至少选择一个角色");
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t id;
    rc = user_in_scope(c, NULL, user_id, &id, e);
    if (!rc && db_exec(c->db, e, "DELETE FROM user_role WHERE user_id = ?", "i", id) < 0)
        rc = e->code;
    if (!rc) rc = insert_roles(c, id, roles, e);
    if (!rc) rc = audit_write(c, "user.roles", "user", id, "修改用户角色");
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int user_set_active(struct ctx *c, int64_t user_id, bool active, struct err *e)
{
    if (!active && user_id == c->who->user_id)
        return err_set(e, ERR_CONFLICT, "不能停用自己的账户");
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t id;
    rc = user_in_scope(c, NULL, user_id, &id, e);
    if (!rc && db_exec(c->db, e, "UPDATE app_user SET status = ? WHERE id = ?", "ti",
                       active ? "active" : "disabled", id) < 0)
        rc = e->code;
    if (!rc && !active) { /* [R-AUTH-05] a disabled account loses its sessions and tokens */
        if (db_exec(c->db, e, "DELETE FROM session WHERE user_id = ?", "i", id) < 0 ||
            db_exec(c->db, e,
                    "UPDATE api_token SET revoked_at = ? WHERE user_id = ?"
                    " AND revoked_at IS NULL",
                    "ii", c->now, id) < 0)
            rc = e->code;
    }
    if (!rc)
        rc = audit_write(c, active ? "user.enable" : "user.disable", "user", id,
                         active ? "启用用户" : "停用用户");
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

/* Role bit set of a user. */
static unsigned load_roles(struct ctx *c, int64_t user_id, struct err *e)
{
    unsigned roles = 0;
    struct db_stmt *st =
        db_query(c->db, e, "SELECT role FROM user_role WHERE user_id = ?", "i", user_id);
    if (!st) return 0;
    while (db_step(st, e) == DB_ROW) {
        int r = role_parse(db_text(st, 0));
        if (r >= 0) roles |= 1u << r;
    }
    db_done(st);
    return roles;
}

json_t *user_list(struct ctx *c, struct err *e)
{
    const char *like = actor_scope(c);
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT u.id, u.username, u.display_name, u.status, a.name,"
                                  " a.code FROM app_user u JOIN agency a ON a.id = u.agency_id"
                                  " WHERE a.path LIKE ? ORDER BY a.path, u.username",
                                  "t", like);
    if (!st) return NULL;
    json_t *rows = json_array();
    while (db_step(st, e) == DB_ROW)
        json_array_append_new(rows, jpack("{sI ss ss ss sb ss ss}", "id", (json_int_t)db_int(st, 0),
                                          "username", db_text(st, 1), "display_name",
                                          db_text(st, 2), "status", db_text(st, 3), "active",
                                          strcmp(db_text(st, 3), "active") == 0, "agency",
                                          db_text(st, 4), "agency_code", db_text(st, 5)));
    db_done(st);
    size_t i;
    json_t *u;
    json_array_foreach(rows, i, u)
    {
        unsigned roles = load_roles(c, json_integer_value(json_object_get(u, "id")), e);
        json_t *labels = json_array();
        for (int r = 0; r < ROLE_COUNT; r++)
            if (roles & (1u << r)) json_array_append_new(labels, json_string(role_label(r)));
        json_object_set_new(u, "roles", labels);
    }
    return rows;
}

int user_link_officer(struct ctx *c, int64_t user_id, const char *cert_no, struct err *e)
{
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    int64_t id, officer = 0, other = 0;
    rc = user_in_scope(c, NULL, user_id, &id, e);
    if (!rc && !str_blank(cert_no) && !(officer = officer_by_cert(c, cert_no, "cert_no", e)))
        rc = e->code;
    if (!rc && officer &&
        db_get_int(c->db, e, &other,
                   "SELECT COUNT(*) FROM app_user WHERE officer_id = ? AND id <> ?", "ii", officer,
                   id))
        rc = e->code;
    if (!rc && other) rc = err_field(e, "cert_no", "该执法人员已关联其他账户");
    if (!rc &&
        db_exec(c->db, e, "UPDATE app_user SET officer_id = ? WHERE id = ?", "Ii", officer, id) < 0)
        rc = e->code;
    if (!rc)
        rc = audit_write(c, "user.officer", "user", id,
                         officer ? "关联执法人员（执法证号 %s）" : "取消关联执法人员%s",
                         officer ? cert_no : "");
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

int user_change_own_password(struct ctx *c, const char *current, const char *password,
                             const char *keep_sid, struct err *e)
{
    if (!current || !*current) err_field(e, "current", "请输入当前密码");
    password_policy(password, "password", e);
    if (e->code) return e->code;
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    struct db_stmt *st =
        db_query(c->db, e, "SELECT password_hash FROM app_user WHERE id = ?", "i", c->who->user_id);
    bool right = st && db_step(st, e) == DB_ROW && password_verify(db_text(st, 0), current);
    db_done(st);
    char hash[PASSWORD_HASH_MAX];
    if (!right)
        rc = e->code ? e->code : err_field(e, "current", "当前密码不正确");
    else if (password_hash(password, hash))
        rc = err_set(e, ERR_INTERNAL, "无法计算密码哈希");
    if (!rc &&
        db_exec(c->db, e,
                "UPDATE app_user SET password_hash = ?, password_changed_at = ? WHERE id = ?",
                "tii", hash, c->now, c->who->user_id) < 0)
        rc = e->code;
    char keep[65] = "";
    if (keep_sid && *keep_sid) sha256_hex(keep_sid, strlen(keep_sid), keep);
    if (!rc && db_exec(c->db, e, "DELETE FROM session WHERE user_id = ? AND id_hash <> ?", "it",
                       c->who->user_id, keep) < 0)
        rc = e->code;
    if (!rc) rc = audit_write(c, "user.password_own", "user", c->who->user_id, "修改本人密码");
    if (rc) {
        db_rollback(c->db);
        return rc;
    }
    return db_commit(c->db, e);
}

json_t *user_get(struct ctx *c, int64_t user_id, struct err *e)
{
    int64_t id;
    if (user_in_scope(c, NULL, user_id, &id, e)) return NULL;
    struct db_stmt *st = db_query(c->db, e,
                                  "SELECT u.id, u.username, u.display_name, u.status, a.name,"
                                  " a.code, o.id, o.name, o.cert_no FROM app_user u"
                                  " JOIN agency a ON a.id = u.agency_id"
                                  " LEFT JOIN officer o ON o.id = u.officer_id WHERE u.id = ?",
                                  "i", id);
    json_t *o = NULL;
    if (st && db_step(st, e) == DB_ROW) {
        o = jpack("{sI ss ss ss sb ss ss}", "id", (json_int_t)db_int(st, 0), "username",
                  db_text(st, 1), "display_name", db_text(st, 2), "status", db_text(st, 3),
                  "active", strcmp(db_text(st, 3), "active") == 0, "agency", db_text(st, 4),
                  "agency_code", db_text(st, 5));
        if (!db_null(st, 6))
            json_object_set_new(o, "officer",
                                jpack("{sI ss ss}", "id", (json_int_t)db_int(st, 6), "name",
                                      db_text(st, 7), "cert_no", db_text(st, 8)));
    }
    db_done(st);
    if (!o) {
        if (!e->code) err_set(e, ERR_NOTFOUND, "用户不存在");
        return NULL;
    }
    unsigned roles = load_roles(c, id, e);
    json_t *labels = json_array(), *codes = json_array();
    for (int r = 0; r < ROLE_COUNT; r++) {
        if (!(roles & (1u << r))) continue;
        json_array_append_new(labels, json_string(role_label(r)));
        json_array_append_new(codes, json_string(role_code(r)));
    }
    json_object_set_new(o, "roles", labels);
    json_object_set_new(o, "role_codes", codes);
    return o;
}

/* ---- the area's tables (law/area.h) ------------------------------------------------------- */

static const struct table_decl tables[] = {
    {"app_user",
     "用户",
     true,
     "id",
     {{"agency_id", "agency", REF_ID}, {"officer_id", "officer", REF_ID}}},
    {"user_role", "用户角色", false, "user_id, role", {{"user_id", "app_user", REF_ID}}},
    {"api_token", "接口令牌", true, "id", {{"user_id", "app_user", REF_ID}}},
};

static const struct table_left left[] = {
    {"session", "登录会话：迁移后重新登录", false},
    {"login_attempt", "登录失败记录，只用于限制频繁尝试", false},
};

const struct law_area law_area_users = {"users", tables, countof(tables), left, countof(left)};
