/* anchor.c — signing, storing, publishing and checking heads of the audit chain. */
#include "law/anchor.h"
#include "law/audit.h"
#include "base/date.h"
#include "base/jpack.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the key -------------------------------------------------------------------------------- */

int anchor_key_create(const char *path, struct anchor_key *k, struct err *e)
{
    sign_keypair(k->secret, k->public_key);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return err_set(e, errno == EEXIST ? ERR_CONFLICT : ERR_INVALID, "无法创建密钥文件 %s：%s",
                       path, errno == EEXIST ? "文件已存在" : strerror(errno));
    char line[SIGN_SECRET_HEX + 1];
    int n = snprintf(line, sizeof line, "%s\n", k->secret);
    bool ok = write(fd, line, (size_t)n) == n;
    if (close(fd) != 0) ok = false;
    if (!ok) {
        unlink(path);
        return err_set(e, ERR_INTERNAL, "无法写入密钥文件 %s", path);
    }
    return 0;
}

int anchor_key_load(const char *path, struct anchor_key *k, struct err *e)
{
    memset(k, 0, sizeof *k);
    FILE *f = fopen(path, "r");
    if (!f) return err_set(e, ERR_NOTFOUND, "无法读取密钥文件 %s：%s", path, strerror(errno));
    struct stat st;
    /* like ssh: a key others can read is not a secret */
    if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077)) {
        fclose(f);
        return err_set(e, ERR_INVALID, "密钥文件 %s 的权限过宽：只应由其所有者读取（chmod 600）",
                       path);
    }
    char line[256] = "";
    bool read = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    line[strcspn(line, "\r\n")] = 0;
    if (!read || strlen(line) != SIGN_SECRET_HEX - 1 || sign_public_of(line, k->public_key))
        return err_set(e, ERR_INVALID, "密钥文件 %s 不是 landun audit keygen 生成的密钥", path);
    snprintf(k->secret, sizeof k->secret, "%s", line);
    return 0;
}

/* ---- signing -------------------------------------------------------------------------------- */

void anchor_statement(const struct anchor_head *h, struct buf *out)
{
    buf_addf(out, "landun audit head v1\nlast_id=%" PRId64 "\nhash=%s\nat=%" PRId64 "\n",
             h->last_id, h->hash, h->at);
}

/* The chain's head now, signed by k, into h. */
static int sign_head(struct ctx *c, const struct anchor_key *k, struct anchor_head *h,
                     struct err *e)
{
    memset(h, 0, sizeof *h);
    struct db_stmt *st =
        db_query(c->db, e, "SELECT last_id, hash FROM audit_head WHERE one = 1", "");
    if (!st) return e->code;
    int rc = db_step(st, e);
    if (rc == DB_ROW) {
        h->last_id = db_int(st, 0);
        snprintf(h->hash, sizeof h->hash, "%s", db_text(st, 1));
    }
    db_done(st);
    if (rc != DB_ROW) return rc < 0 ? rc : err_set(e, ERR_INTERNAL, "审计链头缺失");
    h->at = c->now;
    snprintf(h->public_key, sizeof h->public_key, "%s", k->public_key);
    struct buf b = {0};
    anchor_statement(h, &b);
    rc = sign_detached(k->secret, b.p, b.len, h->signature);
    buf_free(&b);
    return rc ? err_set(e, ERR_INTERNAL, "签名密钥无效") : 0;
}

/* [R-AUDIT-03] the head signed with the key kept off the database, daily and on demand */
int anchor_sign(struct ctx *c, const struct anchor_key *k, bool daily, bool *made, struct err *e)
{
    *made = false;
    char day[DATE_STRLEN];
    date_format(date_from_instant(c->now), day);
    int rc = db_begin(c->db, e);
    if (rc) return rc;
    struct anchor_head h;
    int signed_today =
        daily ? db_exists(c->db, e, "SELECT 1 FROM audit_anchor WHERE day = ? AND how = 'daily'",
                          "t", day)
              : 0;
    bool due = signed_today == 0;
    rc = signed_today < 0 ? signed_today : due ? sign_head(c, k, &h, e) : 0;
    int64_t n = 0;
    /* another server may sign the same day's head first: the unique index keeps one */
    if (!rc && due)
        n = db_exec(c->db, e,
                    "INSERT INTO audit_anchor (last_id, hash, at, day, how, public_key, signature,"
                    " username) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    "itittttt", h.last_id, h.hash, h.at, day, daily ? "daily" : "demand",
                    h.public_key, h.signature, c->who->username ? c->who->username : "system");
    if (rc || n < 0) {
        db_rollback(c->db);
        return rc ? rc : (int)n;
    }
    rc = db_commit(c->db, e);
    if (!rc) *made = n > 0;
    return rc;
}

/* ---- publishing ----------------------------------------------------------------------------- */

#define ANCHOR_COLS "last_id, hash, at, public_key, signature, how, username"

/* A stored head (ANCHOR_COLS) as its published JSON object, with its local time for people. */
static json_t *head_json(struct db_stmt *st)
{
    char when[INSTANT_STRLEN];
    instant_format(db_int(st, 2), when);
    return jpack("{sI ss sI ss ss ss}", "last_id", (json_int_t)db_int(st, 0), "hash",
                 db_text(st, 1), "at", (json_int_t)db_int(st, 2), "time", when, "public_key",
                 db_text(st, 3), "signature", db_text(st, 4));
}

int anchor_export(struct ctx *c, struct buf *out, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " ANCHOR_COLS " FROM audit_anchor ORDER BY id", "");
    if (!st) return e->code;
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        json_t *o = head_json(st);
        char *line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        buf_addf(out, "%s\n", line);
        free(line);
        json_decref(o);
    }
    db_done(st);
    return rc < 0 ? rc : 0;
}

json_t *anchor_list(struct ctx *c, int limit, struct err *e)
{
    struct db_stmt *st =
        db_query(c->db, e, "SELECT " ANCHOR_COLS " FROM audit_anchor ORDER BY id DESC LIMIT ?", "i",
                 (int64_t)limit);
    if (!st) return NULL;
    json_t *rows = json_array();
    int rc;
    while ((rc = db_step(st, e)) == DB_ROW) {
        json_t *o = head_json(st);
        jset_text(o, "how", db_text(st, 5));
        jset_text(o, "how_label", strcmp(db_text(st, 5), "daily") == 0 ? "每日" : "即时");
        jset_text(o, "username", db_text(st, 6));
        jset_text(o, "who", strcmp(db_text(st, 6), "system") == 0 ? "系统" : db_text(st, 6));
        json_array_append_new(rows, o);
    }
    db_done(st);
    if (rc < 0) {
        json_decref(rows);
        return NULL;
    }
    return rows;
}

/* ---- reading published heads ---------------------------------------------------------------- */

/* True when s is exactly n lower-case hex digits. */
static bool is_hex(const char *s, size_t n)
{
    if (!s || strlen(s) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
    return true;
}

/* One published line into h; the reason it is not a head, or NULL. */
static const char *parse_head(const char *line, size_t len, struct anchor_head *h)
{
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
    const char *why = NULL;
    json_t *id = json_object_get(o, "last_id"), *at = json_object_get(o, "at");
    const char *hash = json_string_value(json_object_get(o, "hash"));
    const char *key = json_string_value(json_object_get(o, "public_key"));
    const char *sig = json_string_value(json_object_get(o, "signature"));
    if (!json_is_object(o))
        why = "不是 JSON 对象";
    else if (!json_is_integer(id) || json_integer_value(id) < 0)
        why = "last_id 应为非负整数";
    else if (!json_is_integer(at))
        why = "at 应为整数（UTC 秒）";
    else if (!is_hex(hash, 64))
        why = "hash 应为 64 位十六进制数";
    else if (!is_hex(key, SIGN_PUBLIC_HEX - 1))
        why = "public_key 应为 64 位十六进制数";
    else if (!is_hex(sig, SIGN_HEX - 1))
        why = "signature 应为 128 位十六进制数";
    if (!why) {
        h->last_id = json_integer_value(id);
        h->at = json_integer_value(at);
        memcpy(h->hash, hash, 65);
        memcpy(h->public_key, key, SIGN_PUBLIC_HEX);
        memcpy(h->signature, sig, SIGN_HEX);
    }
    json_decref(o);
    return why;
}

static int by_row(const void *a, const void *b)
{
    const struct anchor_head *x = a, *y = b;
    if (x->last_id != y->last_id) return x->last_id < y->last_id ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

int anchor_parse(const char *text, size_t len, struct anchor_head **heads, size_t *n, struct err *e)
{
    *heads = NULL;
    *n = 0;
    size_t cap = 0, lineno = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
        size_t l = nl ? (size_t)(nl - line) : len - pos;
        pos += l + (nl != NULL);
        lineno++;
        size_t skip = 0; /* the text need not end in a NUL: count within the line */
        while (skip < l && (line[skip] == ' ' || line[skip] == '\t' || line[skip] == '\r'))
            skip++;
        if (skip >= l || line[skip] == '#') continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *heads = xrealloc(*heads, cap * sizeof **heads);
        }
        const char *why = parse_head(line, l, &(*heads)[*n]);
        (*heads)[*n].line = lineno;
        if (why) {
            free(*heads);
            *heads = NULL;
            *n = 0;
            return err_set(e, ERR_INVALID, "第 %zu 行不是签署的链头：%s", lineno, why);
        }
        (*n)++;
    }
    if (*n) qsort(*heads, *n, sizeof **heads, by_row);
    return 0;
}

/* ---- checking the chain against them -------------------------------------------------------- */

/* Check each head's signature; the heads that pass become marks. */
static size_t signed_marks(const struct anchor_head *heads, size_t n, const char *public_key,
                           struct audit_mark *marks, const struct anchor_head **of,
                           struct anchor_check *ck)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        struct buf b = {0};
        anchor_statement(&heads[i], &b);
        bool ok = sign_verify(public_key ? public_key : heads[i].public_key, b.p, b.len,
                              heads[i].signature);
        buf_free(&b);
        if (!ok) {
            if (!ck->bad_sig_line) ck->bad_sig_line = heads[i].line;
            continue;
        }
        ck->signed_ok++;
        of[m] = &heads[i];
        marks[m++] = (struct audit_mark){heads[i].last_id, heads[i].hash};
    }
    return m;
}

/* Say what the first head the chain does not reproduce means. */
static void explain(struct anchor_check *ck, const struct audit_check *chain,
                    const struct anchor_head *h, int64_t before)
{
    char when[INSTANT_STRLEN];
    instant_format(h->at, when);
    ck->differs_at = h->last_id;
    ck->differs_signed = h->at;
    ck->matched_before = before;
    if (chain->broken_id && h->last_id >= chain->broken_id)
        snprintf(ck->reason, sizeof ck->reason,
                 "审计链在第 %" PRId64 " 条处断开，%s 签署的第 %" PRId64 " 条链头无法核对",
                 chain->broken_id, when, h->last_id);
    else if (h->last_id > chain->rows)
        snprintf(ck->reason, sizeof ck->reason,
                 "%s 签署的链头为第 %" PRId64 " 条，审计链现只有 %" PRId64 " 条：记录被删除", when,
                 h->last_id, chain->rows);
    else
        snprintf(ck->reason, sizeof ck->reason,
                 "第 %" PRId64 " 条的哈希与 %s 签署的链头不符：第 %" PRId64 "–%" PRId64
                 " 条之间有记录被改写后重新计算了哈希",
                 h->last_id, when, before + 1, h->last_id);
}

/* [R-AUDIT-03] a chain rewritten and re-hashed no longer reproduces a published head */
int anchor_check(struct db *db, const struct anchor_head *heads, size_t n, const char *public_key,
                 struct anchor_check *ck, struct audit_check *chain, struct err *e)
{
    memset(ck, 0, sizeof *ck);
    ck->heads = n;
    struct audit_mark *marks = xmalloc((n ? n : 1) * sizeof *marks);
    const struct anchor_head **of = xmalloc((n ? n : 1) * sizeof *of);
    size_t m = signed_marks(heads, n, public_key, marks, of, ck), first_bad = m;
    int rc = audit_verify_marks(db, marks, m, chain, &first_bad, e);
    if (!rc) {
        ck->matched = first_bad;
        if (first_bad < m)
            explain(ck, chain, of[first_bad], first_bad ? marks[first_bad - 1].id : 0);
        if (ck->bad_sig_line && !*ck->reason)
            snprintf(ck->reason, sizeof ck->reason, "第 %zu 行的链头签名无效%s", ck->bad_sig_line,
                     public_key ? "（或不是所给公钥签署的）" : "");
        else if (!n)
            snprintf(ck->reason, sizeof ck->reason, "文件中没有签署的链头");
    }
    free(marks);
    free(of);
    return rc;
}

int anchor_check_stored(struct ctx *c, const char *public_key, struct anchor_check *ck,
                        struct audit_check *chain, struct err *e)
{
    struct buf b = {0};
    struct anchor_head *heads = NULL;
    size_t n = 0;
    int rc = anchor_export(c, &b, e);
    if (!rc) rc = anchor_parse(b.p ? b.p : "", b.len, &heads, &n, e);
    if (!rc) rc = anchor_check(c->db, heads, n, public_key, ck, chain, e);
    /* none signed yet is no difference: the chain's own check stands */
    if (!rc && n == 0) ck->reason[0] = 0;
    free(heads);
    buf_free(&b);
    return rc;
}
