/* pg.c — the PostgreSQL engine (libpq): `?` numbered as `$n`, a cache of server-side prepared
 * statements, whole results fetched at the first step, pg_trgm search.
 *
 * A statement runs at its first db_step and its whole result is kept, with a row cursor: so a
 * second statement can run while the first still has rows (libpq allows one query in flight per
 * connection). Parameter types are fixed when the server prepares a statement, so a statement is
 * prepared lazily, at its first run, for the types of that run: int64 as bigint, blobs as bytea
 * (sent binary), texts and NULLs as unknown (the server infers them from where they stand) or, for
 * a `?` only tested with IS NULL, as text. The cache key is the text with the types, so one text
 * bound two ways gets two server statements. */
#include "store/backend.h"
#include "store/pg.h"
#include "base/log.h"

#include <libpq-fe.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Server-side statements kept per connection; the least recently used is deallocated beyond. */
#define PLAN_CACHE 128

/* Type OIDs we use (catalog/pg_type_d.h is a server header). */
enum { BOOLOID = 16, BYTEAOID = 17, INT8OID = 20, TEXTOID = 25 };

/* What a parameter was bound as: its letter in a statement's signature. A text or NULL goes as
 * unknown, for the server to infer from where it stands, except when it is only tested for NULL
 * (`? IS NULL OR x.status = ?`): nothing to infer there, and text is right for any value. */
enum { SIG_INT = 'i', SIG_BLOB = 'b', SIG_ANY = 'u', SIG_TEXT = 't' };

/* A statement prepared on the server for one text and one signature; the cache owns it. */
struct pg_plan {
    char *sql;        /* text with $n; owned */
    char *sig;        /* one SIG_* letter per parameter; owned */
    unsigned hash;    /* of sql and sig */
    uint64_t used_at; /* tick of last use, for eviction */
    char name[16];    /* the server's name for it, "s17" */
};

/* The planner's sample of one searched column, as pg_stats shows it (see pg_search). */
struct pg_sample {
    char key[64];     /* "table.column"; empty when the slot is free */
    struct buf texts; /* the sampled values, each NUL-terminated */
    int n;            /* how many */
    time_t loaded;    /* when they were read */
};

/* Searched columns whose samples a connection keeps (two per searched table). */
#define SAMPLES 8

/* The connection state. */
struct pg_conn {
    PGconn *conn;                      /* the libpq connection */
    struct pg_plan *plans[PLAN_CACHE]; /* prepared statements, nplans of them */
    int nplans;
    uint64_t tick;   /* use counter for eviction */
    unsigned serial; /* last statement name number */
    /* The BEGIN of the open transaction while it has not been sent: it goes to the server with
     * the transaction's first statement, in one round trip. NULL when none is waiting, so
     * non-NULL also means that nothing of the transaction has reached the server yet. */
    const char *begin;
    bool reads_only; /* the open transaction has only run SELECTs, without error, so far */
    /* A transaction that only read is over, but its COMMIT is not sent yet: it goes first in the
     * connection's next pipeline, or alone once it has waited (pg_settle). */
    bool deferred;
    int64_t deferred_at; /* since when, in ms of CLOCK_MONOTONIC */
    bool lost; /* the protocol state is unknown (a pipeline went wrong): reset when allowed */
    struct pg_sample samples[SAMPLES]; /* of the searched columns, read at their first search */
};

/* One bound parameter. */
struct pg_param {
    char sig;   /* SIG_* */
    bool null;  /* SQL NULL */
    size_t off; /* where its bytes start in the statement's vals */
    size_t len; /* byte count (texts are also NUL-terminated in vals) */
};

/* A statement handed out by db_query; freed by db_done. */
struct pg_stmt {
    struct db_stmt base;     /* must be first */
    char *src;               /* the text as given, with `?`; owned */
    int nparams;             /* number of `?` */
    size_t *at;              /* where each `?` stands in src; owned */
    char *kinds;             /* each `?`'s PG_PH_* (pg_placeholders); owned */
    struct pg_param *params; /* nparams entries; owned */
    struct buf vals;         /* bound values back to back */
    struct buf text;         /* the text sent at the run: `$n`, and values written in */
    bool ran;                /* executed (at the first step, or for columns()) */
    PGresult *res;           /* the whole result once ran without error */
    struct err *failure;     /* the error when running failed; owned */
    int row;                 /* current row; -1 before the first step */
    unsigned char **bytes;   /* bytea values unescaped for the current row; PQfreemem each */
    int nbytes;
};

/* ---- text helpers (pg.h) ------------------------------------------------------------------ */

/* When p starts a '…' string, a "…" identifier or a comment: the end of it; otherwise p. A doubled
 * quote inside a string ends it and starts the next, which comes to the same. */
static const char *skip_literal(const char *p)
{
    if (*p == '\'' || *p == '"') {
        const char *end = strchr(p + 1, *p);
        return end ? end + 1 : p + strlen(p);
    }
    if (p[0] == '-' && p[1] == '-') {
        const char *nl = strchr(p, '\n');
        return nl ? nl : p + strlen(p);
    }
    if (p[0] == '/' && p[1] == '*') {
        const char *end = strstr(p + 2, "*/");
        return end ? end + 2 : p + strlen(p);
    }
    return p;
}

static bool ident_char(char c)
{
    return c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* When p (after blanks) starts with the word w, case aside: the end of the word; else NULL. */
static const char *word(const char *p, const char *w)
{
    p += strspn(p, " \t\r\n");
    size_t n = strlen(w);
    if (strncasecmp(p, w, n) != 0) return NULL;
    return ident_char(p[n]) ? NULL : p + n;
}

/* True when p starts (after blanks) with IS NULL or IS NOT NULL. */
static bool null_test(const char *p)
{
    p = word(p, "IS");
    if (!p) return false;
    const char *not = word(p, "NOT");
    return word(not ? not : p, "NULL") != NULL;
}

/* True when the text from start to p ends (before blanks) with the word w, case aside. */
static bool word_before(const char *start, const char *p, const char *w)
{
    while (p > start && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\r' || p[-1] == '\n'))
        p--;
    size_t n = strlen(w);
    if ((size_t)(p - start) < n || strncasecmp(p - n, w, n) != 0) return false;
    return p - n == start || !ident_char(p[-(ptrdiff_t)n - 1]);
}

/* What the text around the `?` at p tells of it (PG_PH_*). */
static char placeholder_kind(const char *sql, const char *p)
{
    if (null_test(p + 1)) return PG_PH_NULL_TEST;
    if (word_before(sql, p, "LIMIT")) return PG_PH_LIMIT;
    if (word_before(sql, p, "OFFSET")) return PG_PH_OFFSET;
    if (word_before(sql, p, "LIKE")) return PG_PH_LIKE;
    return PG_PH_PLAIN;
}

/* Walk sql: the offset of every `?` outside literals and comments into at (when not NULL), and
 * its kind into kinds; returns how many there are. */
static int scan_placeholders(const char *sql, struct buf *at, struct buf *kinds)
{
    int n = 0;
    for (const char *p = sql; *p;) {
        const char *end = skip_literal(p);
        if (end != p) {
            p = end;
            continue;
        }
        if (*p == '?') {
            size_t off = (size_t)(p - sql);
            if (at) buf_add(at, &off, sizeof off);
            if (kinds) buf_addc(kinds, placeholder_kind(sql, p));
            n++;
        }
        p++;
    }
    return n;
}

int pg_placeholders(const char *sql, struct buf *out, struct buf *kinds)
{
    struct buf at = {0};
    int n = scan_placeholders(sql, &at, kinds);
    const size_t *pos = (const size_t *)at.p;
    size_t from = 0;
    for (int i = 0; i < n; i++) {
        buf_add(out, sql + from, pos[i] - from);
        buf_addf(out, "$%d", i + 1);
        from = pos[i] + 1;
    }
    buf_adds(out, sql + from);
    buf_free(&at);
    return n;
}

bool pg_prefix_pattern(const char *v, size_t len)
{
    if (len == 0 || len > 200 || v[len - 1] != '%') return false;
    for (size_t i = 0; i + 1 < len; i++)
        if (v[i] == '%' || v[i] == '_' || v[i] == '\\' || v[i] == '\'' || v[i] == 0) return false;
    return true;
}

static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Bytes of the UTF-8 character at p (1 for a stray byte, so the walk always advances). */
static size_t char_len(const unsigned char *p)
{
    size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80) return 1;
    return n;
}

size_t pg_search_key(const char *q, struct buf *out)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)q; *p;) {
        size_t n = char_len(p);
        if (n > 1 || ascii_alnum(*p)) {
            for (size_t i = 0; i < n; i++)
                buf_addc(out, (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] | 32 : p[i]));
            chars++;
        }
        p += n;
    }
    return chars;
}

int pg_array_elements(const char *lit, struct buf *out)
{
    const char *p = lit;
    if (!p || *p++ != '{') return -1;
    int n = 0;
    if (*p == '}') return p[1] ? -1 : 0;
    for (;;) {
        size_t start = out->len;
        bool quoted = *p == '"';
        if (quoted) {
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1]) p++;
                buf_addc(out, *p);
            }
            if (*p++ != '"') return -1;
        } else {
            while (*p && *p != ',' && *p != '}')
                buf_addc(out, *p++);
        }
        if (!quoted && out->len - start == 4 && strncasecmp(out->p + start, "NULL", 4) == 0)
            out->len = start; /* an SQL NULL: not a value */
        else {
            buf_addc(out, 0);
            n++;
        }
        if (*p == '}') return p[1] ? -1 : n;
        if (*p++ != ',') return -1;
    }
}

bool pg_like_pieces(const char *text, const char *pattern)
{
    const char *at = text;
    for (const char *piece = pattern; *piece;) {
        const char *end = strchr(piece, '%');
        size_t len = end ? (size_t)(end - piece) : strlen(piece);
        if (len) {
            char buf[512];
            if (len >= sizeof buf) return true; /* longer than any sample is cut: assume a match */
            memcpy(buf, piece, len);
            buf[len] = 0;
            const char *found = strstr(at, buf);
            if (!found) return false;
            at = found + len;
        }
        piece += len + (end ? 1 : 0);
    }
    return true;
}

bool pg_search_walks(const char *pattern, const char *texts, int n)
{
    if (n < 10) return true;
    for (int i = 0; i < n; i++, texts += strlen(texts) + 1)
        if (pg_like_pieces(texts, pattern)) return true;
    return false;
}

/* ---- errors and notices ------------------------------------------------------------------- */

static bool state_is(const char *state, const char *want)
{
    return state && strcmp(state, want) == 0;
}

/* Fill e for a failed command (r may be NULL when libpq could not even send it): constraint
 * violations and lock failures in the words SQLite's engine uses, anything else logged. */
static int pg_error(PGconn *conn, const PGresult *r, struct err *e, const char *what)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;
    if (!msg) msg = PQerrorMessage(conn);
    if (state_is(state, "23503")) return db_fail_reference(e);
    if (state && strncmp(state, "23", 2) == 0) return db_fail_constraint(e, msg);
    /* Serialization failure, deadlock, lock not available: worth trying again later. */
    if (state_is(state, "40001") || state_is(state, "40P01") || state_is(state, "55P03")) {
        log_warn("postgresql busy (%s) in %s: %s", state, what, msg);
        return db_fail_busy(e);
    }
    log_error("postgresql (%s) %s%s%s in: %s", state ? state : "no state", msg, detail ? " — " : "",
              detail ? detail : "", what);
    return db_fail_internal(e);
}

/* Server notices go to our log instead of libpq's stderr (warnings such as a ROLLBACK with no
 * transaction open stay visible; notices such as "already exists, skipping" are debug). */
static void pg_notice(void *arg, const PGresult *r)
{
    (void)arg;
    const char *severity = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    if (state_is(severity, "WARNING"))
        log_warn("postgresql: %s", msg ? msg : "");
    else
        log_debug("postgresql: %s", msg ? msg : "");
}

/* ---- connection --------------------------------------------------------------------------- */

/* Warn (once per process) about a database whose locale hides Chinese from pg_trgm: it counts
 * only characters its LC_CTYPE calls alphanumeric, and in C/POSIX no CJK character is, so the
 * search indexes could not help (searches stay correct, scanning the table). */
static void check_locale(const char *encoding, const char *ctype)
{
    static atomic_int warned;
    bool bad_ctype = strcmp(ctype, "C") == 0 || strcmp(ctype, "POSIX") == 0;
    if ((!bad_ctype && strcmp(encoding, "UTF8") == 0) || atomic_exchange(&warned, 1)) return;
    log_warn("postgresql database has encoding %s and LC_CTYPE %s: its search indexes cannot find "
             "Chinese text; create the database with -E UTF8 --locale=C.UTF-8 "
             "(see docs/operations.md)",
             encoding, ctype);
}

/* Per-session settings after (re)connecting: UTC, so that nothing the server computes depends
 * on where it runs; and the locale check. */
static int pg_session(struct pg_conn *c, struct err *e)
{
    PGresult *r = PQexec(c->conn, "SET TIME ZONE 'UTC';"
                                  " SELECT current_setting('server_encoding'),"
                                  " current_setting('lc_ctype')");
    int rc = 0;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        check_locale(PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1));
    else
        rc = pg_error(c->conn, r, e, "session settings");
    PQclear(r);
    return rc;
}

/* The first line of libpq's error message (the rest is hints for a terminal). */
static const char *first_line(const char *msg, char *out, size_t n)
{
    snprintf(out, n, "%s", msg);
    out[strcspn(out, "\n")] = 0;
    return out;
}

static int pg_open(struct db *db, const char *url, struct err *e)
{
    struct pg_conn *c = xcalloc(1, sizeof *c);
    db->impl = c;
    /* The URL is expanded in place of dbname; the keywords after it override what it says. */
    const char *const keys[] = {"dbname", "client_encoding", "fallback_application_name", NULL};
    const char *const vals[] = {url, "UTF8", "landun", NULL};
    c->conn = PQconnectdbParams(keys, vals, 1);
    if (!c->conn) fatal("out of memory");
    if (PQstatus(c->conn) != CONNECTION_OK) {
        char line[200];
        log_error("postgresql connect: %s", PQerrorMessage(c->conn));
        return err_set(e, ERR_INTERNAL, "无法连接 PostgreSQL 数据库：%s",
                       first_line(PQerrorMessage(c->conn), line, sizeof line));
    }
    PQsetNoticeReceiver(c->conn, pg_notice, NULL);
    return pg_session(c, e);
}

/* Forget the cached statements (the server forgets them with its session). */
static void drop_plans(struct pg_conn *c)
{
    for (int i = 0; i < c->nplans; i++) {
        free(c->plans[i]->sql);
        free(c->plans[i]->sig);
        free(c->plans[i]);
    }
    c->nplans = 0;
}

static void pg_close(struct db *db)
{
    struct pg_conn *c = db->impl;
    if (!c) return;
    drop_plans(c);
    for (int i = 0; i < SAMPLES; i++)
        buf_free(&c->samples[i].texts);
    PQfinish(c->conn);
    free(c);
}

/* Milliseconds of the monotonic clock. */
static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Send a deferred COMMIT now, alone, and read its answer; a failure is only logged, as the
 * transaction had only read. */
static void settle(struct pg_conn *c)
{
    if (!c->deferred) return;
    c->deferred = false;
    PGresult *r = PQexec(c->conn, "COMMIT");
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        log_error("postgresql: COMMIT of a read transaction: %s", PQerrorMessage(c->conn));
    PQclear(r);
}

static bool pg_alive(struct db *db)
{
    struct pg_conn *c = db->impl;
    if (PQstatus(c->conn) == CONNECTION_OK && !c->lost) return true;
    if (db->depth > 0 && !c->begin) return false;
    c->deferred = false; /* a server that lost the connection ended its transaction */
    PQreset(c->conn);
    c->lost = false;
    drop_plans(c);
    if (PQstatus(c->conn) != CONNECTION_OK) return false;
    log_warn("postgresql: connection lost and re-established");
    struct err scratch = {0};
    return pg_session(c, &scratch) == 0;
}

/* ---- the statement cache ------------------------------------------------------------------ */

static unsigned hash_str(unsigned h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Deallocate the least recently used plan and drop it from the cache; false when the server
 * refused (in a transaction an error spoilt), and the cache is then as it was. */
static bool evict(struct pg_conn *c)
{
    int oldest = 0;
    for (int i = 1; i < c->nplans; i++)
        if (c->plans[i]->used_at < c->plans[oldest]->used_at) oldest = i;
    struct pg_plan *p = c->plans[oldest];
    char sql[32];
    snprintf(sql, sizeof sql, "DEALLOCATE %s", p->name);
    PGresult *r = PQexec(c->conn, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) {
        log_warn("postgresql: %s failed: %s", sql, PQerrorMessage(c->conn));
        return false;
    }
    free(p->sql);
    free(p->sig);
    free(p);
    c->plans[oldest] = c->plans[--c->nplans];
    return true;
}

/* The cached server statement for text with parameter types sig, or NULL. */
static struct pg_plan *plan_find(struct pg_conn *c, const char *text, const char *sig, unsigned h)
{
    for (int i = 0; i < c->nplans; i++) {
        struct pg_plan *q = c->plans[i];
        if (q->hash == h && strcmp(q->sig, sig) == 0 && strcmp(q->sql, text) == 0) {
            q->used_at = ++c->tick;
            return q;
        }
    }
    return NULL;
}

/* A new server statement for text and sig, not prepared yet: the caller sends its Parse and then
 * keeps it (plan_keep) or frees it (plan_free). Named when the cache has room for it (the least
 * recently used is deallocated for that); else the unnamed statement, used once. */
static struct pg_plan *plan_new(struct pg_conn *c, const char *text, const char *sig, unsigned h)
{
    struct pg_plan *p = xcalloc(1, sizeof *p);
    if (c->nplans < PLAN_CACHE || evict(c)) snprintf(p->name, sizeof p->name, "s%u", ++c->serial);
    p->sql = xstrdup(text);
    p->sig = xstrdup(sig);
    p->hash = h;
    return p;
}

static void plan_free(struct pg_plan *p)
{
    if (!p) return;
    free(p->sql);
    free(p->sig);
    free(p);
}

/* Put p, prepared on the server now, into the cache (plan_new made room), or free it when it is
 * the unnamed statement. */
static void plan_keep(struct pg_conn *c, struct pg_plan *p)
{
    if (!p->name[0] || c->nplans >= PLAN_CACHE) {
        plan_free(p);
        return;
    }
    p->used_at = ++c->tick;
    c->plans[c->nplans++] = p;
}

/* The parameter types of sig as the server's type OIDs (0: for the server to infer). */
static Oid *sig_types(const char *sig)
{
    size_t n = strlen(sig);
    Oid *types = xcalloc(n ? n : 1, sizeof *types);
    for (size_t i = 0; i < n; i++)
        types[i] = sig[i] == SIG_INT    ? INT8OID
                   : sig[i] == SIG_BLOB ? BYTEAOID
                   : sig[i] == SIG_TEXT ? TEXTOID
                                        : 0;
    return types;
}

/* ---- statements --------------------------------------------------------------------------- */

static struct db_stmt *pg_prepare(struct db *db, const char *sql, struct err *e)
{
    (void)e; /* nothing can fail before the first run */
    struct pg_stmt *s = xcalloc(1, sizeof *s);
    s->base.db = db;
    struct buf at = {0}, kinds = {0};
    s->nparams = scan_placeholders(sql, &at, &kinds);
    s->src = xstrdup(sql);
    s->at = (size_t *)buf_steal(&at);
    s->kinds = buf_steal(&kinds);
    s->params = xcalloc(s->nparams ? (size_t)s->nparams : 1, sizeof *s->params);
    for (int i = 0; i < s->nparams; i++)
        s->params[i] = (struct pg_param){.sig = SIG_ANY, .null = true};
    s->row = -1;
    return &s->base;
}

/* Record parameter idx (1-based): n bytes at p, or NULL when p is NULL. */
static void put(struct db_stmt *st, int idx, char sig, const void *p, size_t n)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    if (idx < 1 || idx > s->nparams) {
        log_error("db: parameter %d bound but the statement has %d: %s", idx, s->nparams, s->src);
        return;
    }
    struct pg_param *pp = &s->params[idx - 1];
    *pp = (struct pg_param){.sig = sig, .null = p == NULL, .off = s->vals.len, .len = n};
    if (!p) return;
    buf_add(&s->vals, p, n);
    buf_addc(&s->vals, 0); /* texts are passed NUL-terminated */
}

static void pg_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    char text[24];
    int n = snprintf(text, sizeof text, "%lld", (long long)v);
    put(st, idx, SIG_INT, text, (size_t)n);
}

static void pg_bind_text(struct db_stmt *st, int idx, const char *s)
{
    put(st, idx, SIG_ANY, s, s ? strlen(s) : 0);
}

static void pg_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
    put(st, idx, SIG_BLOB, p, n);
}

static void pg_bind_null(struct db_stmt *st, int idx)
{
    put(st, idx, SIG_ANY, NULL, 0);
}

/* True when s was a COMMIT that the server answered with ROLLBACK: an earlier statement failed
 * and spoilt the transaction, which then commits nothing. A caller that went on after that error
 * must not be told its work was saved. */
static bool commit_undone(struct pg_stmt *s)
{
    if (strncasecmp(s->src, "COMMIT", 6) != 0 || strcmp(PQcmdStatus(s->res), "ROLLBACK") != 0)
        return false;
    log_error("postgresql: COMMIT rolled back a transaction an earlier error had spoilt");
    return true;
}

/* The next command's result in a pipeline (NULL when the connection broke), and the NULL that
 * ends it read too. */
static PGresult *pipeline_result(PGconn *conn)
{
    PGresult *r = PQgetResult(conn);
    if (r) {
        PGresult *extra = PQgetResult(conn);
        if (extra) { /* not with the commands we send; keep the protocol in step anyway */
            log_error("postgresql: unexpected second result in a pipeline");
            PQclear(extra);
        }
    }
    return r;
}

/* The command that goes to the server for one run of a statement. */
struct pg_run {
    struct pg_plan *plan;   /* the server statement */
    bool parse;             /* plan is new: send its Parse first */
    int n;                  /* parameters sent */
    const char **values;    /* n values (NULL: SQL NULL); point into the statement's vals */
    int *lengths, *formats; /* n each */
};

/* The commands of a pipeline, in the order they are sent. */
enum { PL_COMMIT, PL_BEGIN, PL_PARSE, PL_RUN, PL_COUNT };

/* Send command k of a pipeline (run_pipeline); false when libpq could not queue it. */
static bool send_command(struct pg_conn *c, const struct pg_run *run, int k, const Oid *types)
{
    switch (k) {
    case PL_COMMIT:
        return PQsendQueryParams(c->conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0);
    case PL_BEGIN:
        return PQsendQueryParams(c->conn, c->begin, 0, NULL, NULL, NULL, NULL, 0);
    case PL_PARSE:
        return PQsendPrepare(c->conn, run->plan->name, run->plan->sql, run->n, types);
    default:
        return PQsendQueryPrepared(c->conn, run->plan->name, run->n, run->values, run->lengths,
                                   run->formats, 0);
    }
}

/* Send what must go with the statement — the deferred COMMIT of the transaction before, the
 * waiting BEGIN and the Parse of a new server statement — and the statement, as one pipeline:
 * one round trip. Returns the first failure (the server then skips the rest) or the statement's
 * result.
 * c->begin is cleared once BEGIN succeeded (REPEATABLE READ takes its snapshot at the first
 * statement anyway); *parsed tells whether the Parse succeeded. */
static PGresult *run_pipeline(struct pg_conn *c, const struct pg_run *run, bool *parsed)
{
    const bool want[PL_COUNT] = {c->deferred, c->begin != NULL, run->parse, true};
    c->deferred = false;
    PGresult *r[PL_COUNT] = {0}, *sync = NULL;
    Oid *types = run->parse ? sig_types(run->plan->sig) : NULL;
    bool sent = PQenterPipelineMode(c->conn);
    for (int k = 0; k < PL_COUNT && sent; k++)
        sent = !want[k] || send_command(c, run, k, types);
    sent = sent && PQpipelineSync(c->conn);
    free(types);
    if (sent) {
        for (int k = 0; k < PL_COUNT; k++)
            if (want[k]) r[k] = pipeline_result(c->conn);
        sync = PQgetResult(c->conn);
    }
    if (PQresultStatus(sync) != PGRES_PIPELINE_SYNC || !PQexitPipelineMode(c->conn)) {
        /* Broken off half-way: where the server stands is not known; start afresh when
         * allowed (pg_alive). */
        log_error("postgresql: pipeline failed: %s", PQerrorMessage(c->conn));
        c->lost = true;
    }
    PQclear(sync);
    int first = PL_RUN;
    for (int k = 0; k < PL_RUN && first == PL_RUN; k++)
        if (want[k] && PQresultStatus(r[k]) != PGRES_COMMAND_OK) first = k;
    if (first > PL_BEGIN && c->begin) c->begin = NULL;
    *parsed = want[PL_PARSE] && first == PL_RUN;
    for (int k = 0; k < PL_COUNT; k++)
        if (k != first) PQclear(r[k]);
    return r[first];
}

/* Append the value of parameter i written into the text when that changes nothing but lets the
 * server plan the statement once for all its runs; false when it is to be sent as $n. Written in
 * are: a NULL only tested for NULL (an optional filter that is off: the planner drops the test,
 * and the statement is the one for that set of filters), a LIMIT and an OFFSET 0 (the planner
 * costs a plan for the rows wanted, not for a tenth of the table), and a prefix pattern after
 * LIKE, the agency scope `path LIKE '/1/2/%'` (a generic plan would take any pattern to match
 * one row in two hundred). Left as parameters, every run would be planned anew for its values,
 * most of a list page's time on the server; a prefix names one of few agencies and a LIMIT one
 * of few page sizes, so the statements stay few. */
static bool write_in(const struct pg_stmt *s, int i, struct buf *text)
{
    const struct pg_param *pp = &s->params[i];
    const char *v = pp->null ? NULL : s->vals.p + pp->off;
    switch (s->kinds[i]) {
    case PG_PH_NULL_TEST:
        if (!pp->null) return false;
        buf_adds(text, "NULL");
        return true;
    case PG_PH_LIMIT:
    case PG_PH_OFFSET:
        if (pp->null || pp->sig != SIG_INT || (s->kinds[i] == PG_PH_OFFSET && strcmp(v, "0") != 0))
            return false;
        buf_adds(text, v);
        return true;
    case PG_PH_LIKE:
        if (pp->null || pp->sig != SIG_ANY || !pg_prefix_pattern(v, pp->len)) return false;
        buf_addf(text, "'%s'", v); /* no quote or backslash in it (pg_prefix_pattern) */
        return true;
    default:
        return false;
    }
}

/* The text and parameters of s as it goes to the server now, into s->text, run and sig (one
 * SIG_* per parameter sent, NUL-terminated; owned by the caller). A LIKE pattern that is sent (a
 * search) goes as `(SELECT $n::text)`: a value the planner cannot see, so that the statement is
 * planned once for all patterns. Its text already says how to find the rows (pg_search chose
 * between walking the newest rows and the index), and planning it for each pattern cost more than
 * running it. As a bare `$n` the server would plan the first five runs for their patterns and
 * might keep doing so, when those plans cost less than its generic guess; hidden, the plans for a
 * pattern are the generic plan, and the server keeps that from the sixth run on. */
static char *build_run(struct pg_stmt *s, struct pg_run *run)
{
    size_t n = s->nparams ? (size_t)s->nparams : 1;
    run->values = xcalloc(n, sizeof *run->values);
    run->lengths = xcalloc(n, sizeof *run->lengths);
    run->formats = xcalloc(n, sizeof *run->formats);
    char *sig = xmalloc(n + 1);
    buf_reset(&s->text);
    size_t from = 0;
    run->n = 0;
    for (int i = 0; i < s->nparams; i++) {
        buf_add(&s->text, s->src + from, s->at[i] - from);
        from = s->at[i] + 1;
        if (write_in(s, i, &s->text)) continue;
        const struct pg_param *pp = &s->params[i];
        int k = run->n++;
        bool hide = s->kinds[i] == PG_PH_LIKE && (pp->sig == SIG_ANY || pp->sig == SIG_TEXT);
        buf_addf(&s->text, hide ? "(SELECT $%d::text)" : "$%d", k + 1);
        run->values[k] = pp->null ? NULL : s->vals.p + pp->off;
        run->lengths[k] = (int)pp->len;
        run->formats[k] = pp->sig == SIG_BLOB; /* bytes as they are; the rest as text */
        sig[k] = pp->sig == SIG_ANY && s->kinds[i] == PG_PH_NULL_TEST ? SIG_TEXT : pp->sig;
    }
    buf_adds(&s->text, s->src + from);
    sig[run->n] = 0;
    return sig;
}

static void free_run(struct pg_run *run)
{
    free(run->values);
    free(run->lengths);
    free(run->formats);
}

/* Send s with its bindings as they are now and return the server's answer (NULL when nothing
 * could be sent); s->text is the text sent. */
static PGresult *send_statement(struct pg_conn *c, struct pg_stmt *s)
{
    struct pg_run run = {0};
    char *sig = build_run(s, &run);
    const char *text = buf_str(&s->text);
    unsigned h = hash_str(hash_str(2166136261u, text), sig);
    run.plan = plan_find(c, text, sig, h);
    if (!run.plan) {
        run.plan = plan_new(c, text, sig, h);
        run.parse = true;
    }
    free(sig);
    PGresult *res;
    if (c->begin || run.parse || c->deferred) {
        bool parsed = false;
        res = run_pipeline(c, &run, &parsed);
        if (parsed)
            plan_keep(c, run.plan);
        else if (run.parse)
            plan_free(run.plan);
    } else {
        res =
            PQexecPrepared(c->conn, run.plan->name, run.n, run.values, run.lengths, run.formats, 0);
    }
    free_run(&run);
    return res;
}

/* Execute s with its bindings and keep the whole result; 0 or a negative code (e filled). A
 * connection found lost while the transaction's BEGIN was going out is reset and the statement
 * sent again, once: the server had started nothing of the transaction, or dropped it with the
 * connection (a statement outside a transaction may have been carried out; it is not resent). */
static int execute(struct pg_stmt *s, struct err *e)
{
    struct db *db = s->base.db;
    struct pg_conn *c = db->impl;
    for (int attempt = 0;; attempt++) {
        if (!pg_alive(db)) {
            log_error("postgresql: no connection (%s) for: %s", PQerrorMessage(c->conn), s->src);
            return db_fail_internal(e);
        }
        s->res = send_statement(c, s);
        bool broken = PQstatus(c->conn) != CONNECTION_OK || c->lost;
        if (attempt > 0 || !c->begin || !broken || PQresultStatus(s->res) == PGRES_TUPLES_OK) break;
        PQclear(s->res);
    }
    const char *text = buf_str(&s->text);
    ExecStatusType status = PQresultStatus(s->res);
    if (status != PGRES_TUPLES_OK || strncmp(PQcmdStatus(s->res), "SELECT", 6) != 0)
        c->reads_only = false;
    if (status == PGRES_TUPLES_OK || (status == PGRES_COMMAND_OK && !commit_undone(s))) return 0;
    int rc = status == PGRES_COMMAND_OK ? db_fail_internal(e) : pg_error(c->conn, s->res, e, text);
    PQclear(s->res);
    s->res = NULL;
    return rc;
}

/* Run s once; a failure is kept and reported by every later step. */
static void run_once(struct pg_stmt *s)
{
    if (s->ran) return;
    s->ran = true;
    struct err e = {0};
    if (execute(s, &e) < 0) {
        s->failure = xmalloc(sizeof *s->failure);
        *s->failure = e;
    }
}

static void free_bytes(struct pg_stmt *s)
{
    for (int i = 0; i < s->nbytes; i++)
        PQfreemem(s->bytes[i]);
    s->nbytes = 0;
}

static int pg_step(struct db_stmt *st, struct err *e)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    free_bytes(s);
    run_once(s);
    if (s->failure) return err_set(e, s->failure->code, "%s", s->failure->msg);
    int rows = PQntuples(s->res);
    if (s->row < rows) s->row++;
    return s->row < rows ? DB_ROW : DB_DONE;
}

static void pg_done(struct db_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    free_bytes(s);
    free(s->bytes);
    PQclear(s->res);
    free(s->failure);
    buf_free(&s->vals);
    buf_free(&s->text);
    free(s->params);
    free(s->at);
    free(s->kinds);
    free(s->src);
    free(s);
}

/* The current row's value of col as text, or NULL for SQL NULL or no such cell. */
static const char *cell(struct pg_stmt *s, int col)
{
    if (!s->res || s->row < 0 || s->row >= PQntuples(s->res) || col < 0 ||
        col >= PQnfields(s->res) || PQgetisnull(s->res, s->row, col))
        return NULL;
    return PQgetvalue(s->res, s->row, col);
}

/* SQLite has no booleans: a PostgreSQL boolean reads as 1 or 0, as the same query gives there. */
static bool is_bool(struct pg_stmt *s, int col)
{
    return PQftype(s->res, col) == BOOLOID;
}

static int64_t pg_col_int(struct db_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    const char *v = cell(s, col);
    if (!v) return 0;
    if (is_bool(s, col)) return v[0] == 't';
    return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct db_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    const char *v = cell(s, col);
    if (v && is_bool(s, col)) return v[0] == 't' ? "1" : "0";
    return v;
}

static bool pg_col_null(struct db_stmt *st, int col)
{
    return cell((struct pg_stmt *)st, col) == NULL;
}

/* bytea comes as hex text in a text-format result: unescaped here, kept until the next step. */
static const void *pg_col_blob(struct db_stmt *st, int col, size_t *len)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    const char *v = cell(s, col);
    *len = 0;
    if (!v) return NULL;
    if (PQftype(s->res, col) != BYTEAOID) {
        *len = (size_t)PQgetlength(s->res, s->row, col);
        return v;
    }
    unsigned char *bytes = PQunescapeBytea((const unsigned char *)v, len);
    if (!bytes) fatal("out of memory");
    s->bytes = xrealloc(s->bytes, (size_t)(s->nbytes + 1) * sizeof *s->bytes);
    s->bytes[s->nbytes++] = bytes;
    return bytes;
}

static bool pg_col_is_blob(struct db_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    return cell(s, col) && PQftype(s->res, col) == BYTEAOID;
}

/* Columns can be asked for before the first step, as on SQLite: that runs the statement. */
static int pg_columns(struct db_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    run_once(s);
    return s->res ? PQnfields(s->res) : 0;
}

static const char *pg_column_name(struct db_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    run_once(s);
    return s->res && col >= 0 && col < PQnfields(s->res) ? PQfname(s->res, col) : NULL;
}

static int64_t pg_changes(struct db_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    const char *n = s->res ? PQcmdTuples(s->res) : "";
    return *n ? strtoll(n, NULL, 10) : 0;
}

static int pg_exec_script(struct db *db, const char *sql, struct err *e)
{
    struct pg_conn *c = db->impl;
    if (!pg_alive(db)) {
        log_error("postgresql: no connection (%s) for a script", PQerrorMessage(c->conn));
        return db_fail_internal(e);
    }
    c->reads_only = false;
    settle(c);
    if (c->begin) { /* the transaction's first command: open it first */
        PGresult *b = PQexec(c->conn, c->begin);
        int rc = PQresultStatus(b) == PGRES_COMMAND_OK ? 0 : pg_error(c->conn, b, e, c->begin);
        PQclear(b);
        if (rc) return rc;
        c->begin = NULL;
    }
    PGresult *r = PQexec(c->conn, sql);
    ExecStatusType status = PQresultStatus(r);
    int rc = 0;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        rc = pg_error(c->conn, r, e, "script");
        /* Scripts are migrations: whoever runs them needs the server's reason. */
        const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
        if (e && e->code == ERR_INTERNAL && msg) err_set(e, rc, "数据库错误：%s", msg);
    }
    PQclear(r);
    return rc;
}

/* ---- transactions, search, backup --------------------------------------------------------- */

/* Run a statement through the cache (transaction control runs on every request). */
static int pg_run(struct db *db, const char *sql, struct err *e)
{
    struct db_stmt *st = pg_prepare(db, sql, e);
    int rc = pg_step(st, e);
    pg_done(st);
    return rc < 0 ? rc : 0;
}

/* BEGIN is not sent here but with the transaction's first statement (run_pipeline). */
static int pg_begin(struct db *db, struct err *e)
{
    (void)e;
    struct pg_conn *c = db->impl;
    /* READ COMMITTED: a write waits for the row locks it needs instead of failing. */
    c->begin = "BEGIN";
    c->reads_only = false;
    return 0;
}

static int pg_begin_read(struct db *db, struct err *e)
{
    (void)e;
    struct pg_conn *c = db->impl;
    /* One snapshot for the whole request; not READ ONLY, as a page may still touch its session. */
    c->begin = "BEGIN ISOLATION LEVEL REPEATABLE READ";
    c->reads_only = true;
    return 0;
}

/* A transaction that never reached the server has nothing to commit. One that only read, without
 * error, has nothing to lose either: its COMMIT is deferred to go first in the connection's next
 * pipeline (run_pipeline), which saves it a round trip of its own, or alone once it has waited
 * (pg_settle: an idle connection would otherwise keep its snapshot, which holds back VACUUM, and
 * the locks of what it read, which hold back a migration). Anything else waits for its COMMIT. */
static int pg_commit(struct db *db, struct err *e)
{
    struct pg_conn *c = db->impl;
    if (c->begin) {
        c->begin = NULL;
        return 0;
    }
    if (!c->reads_only) return pg_run(db, "COMMIT", e);
    c->deferred = true;
    c->deferred_at = now_ms();
    return 0;
}

static void pg_settle(struct db *db, int ms)
{
    struct pg_conn *c = db->impl;
    if (c->deferred && now_ms() - c->deferred_at >= ms) settle(c);
}

static void pg_rollback(struct db *db)
{
    struct pg_conn *c = db->impl;
    if (c->begin) {
        c->begin = NULL;
        return;
    }
    struct err scratch = {0};
    pg_run(db, "ROLLBACK", &scratch);
}

/* How long a connection keeps the sample of a column before reading it again: the server's
 * statistics change when the table is analyzed (autovacuum does after enough writes). */
#define SAMPLE_SECONDS 600

/* Read into sm the values pg_stats shows of table.column (its most common values and its
 * histogram: the sample the planner estimates a LIKE from); none when the table was never
 * analyzed. A failure is logged and leaves no values (the search then walks). */
static void sample_read(struct db *db, const char *table, const char *column, struct pg_sample *sm)
{
    struct err e = {0};
    buf_reset(&sm->texts);
    sm->n = 0;
    struct db_stmt *st = db_query(db, &e,
                                  "SELECT most_common_vals::text, histogram_bounds::text"
                                  " FROM pg_stats WHERE schemaname = current_schema()"
                                  " AND tablename = ? AND attname = ?",
                                  "tt", table, column);
    int rc;
    while (st && (rc = db_step(st, &e)) == DB_ROW)
        for (int k = 0; k < 2; k++) {
            if (db_null(st, k)) continue;
            size_t start = sm->texts.len;
            int got = pg_array_elements(db_text(st, k), &sm->texts);
            if (got < 0) {
                sm->texts.len = start;
                log_warn("postgresql: unreadable statistics of %s.%s", table, column);
            } else {
                sm->n += got;
            }
        }
    if (st) db_done(st);
    if (e.code) log_warn("postgresql: statistics of %s.%s: %s", table, column, e.msg);
    sm->loaded = time(NULL);
}

/* The sample of table.column kept by the connection, read when missing or old. */
static const struct pg_sample *sample_of(struct db *db, const char *table, const char *column)
{
    struct pg_conn *c = db->impl;
    char key[64];
    snprintf(key, sizeof key, "%s.%s", table, column);
    struct pg_sample *sm = NULL;
    for (int i = 0; i < SAMPLES && !sm; i++)
        if (strcmp(c->samples[i].key, key) == 0 || !c->samples[i].key[0]) sm = &c->samples[i];
    if (!sm) /* more searched columns than slots: take the one read longest ago */
        for (int i = 0; i < SAMPLES; i++)
            if (!sm || c->samples[i].loaded < sm->loaded) sm = &c->samples[i];
    time_t now = time(NULL);
    if (strcmp(sm->key, key) != 0 || now - sm->loaded >= SAMPLE_SECONDS || now < sm->loaded) {
        snprintf(sm->key, sizeof sm->key, "%s", key);
        sample_read(db, table, column, sm);
    }
    return sm;
}

/* A fragment found in the column's sample is common (about 1% of the rows or more): the statement
 * orders by the key and the server walks the newest rows, matching LIKE against each, until the
 * page is full. A rare one orders by `id + 0`, which no index provides: the server looks the
 * fragment up in an index and sorts what it finds (a caller reads the keys of a page first:
 * db_search_page). Three characters or more are looked up by their trigrams (pg_trgm, LIKE on
 * search_plain); one or two by the array of characters and pairs (landun_pairs), which says
 * exactly which rows hold them. It is the choice the planner itself made when it planned every
 * search for its pattern, from the same sample, without the 0.2–0.3 ms of planning per search;
 * the engine has the statements planned once (build_run). */
static void pg_search(struct db *db, struct arena *a, const char *table, const char *alias,
                      const char *const *cols, const char *q, struct db_search *s, struct buf *bind)
{
    (void)cols; /* the migrations compute search_plain from the same columns */
    struct buf key = {0};
    size_t chars = pg_search_key(q, &key);
    buf_addc(bind, '%');
    buf_add(bind, key.p, key.len);
    buf_addc(bind, '%');
    const struct pg_sample *sm = sample_of(db, table, "search_plain");
    bool walk = pg_search_walks(buf_str(bind), sm->texts.p, sm->n);
    s->from = arena_printf(a, "%s %s", table, alias);
    if (walk || chars >= 3) {
        s->where = arena_printf(a, "%s.search_plain LIKE ?", alias);
    } else {
        s->where =
            arena_printf(a, "landun_pairs(%s.search_plain) @> ARRAY[(SELECT ?::text)]", alias);
        buf_reset(bind);
        buf_add(bind, key.p, key.len);
    }
    s->order = arena_printf(a, walk ? "%s.id" : "%s.id + 0", alias);
    s->sorts = !walk;
    buf_free(&key);
}

static int pg_backup(struct db *db, const char *path, void (*progress)(int, int), struct err *e)
{
    (void)db, (void)progress;
    return err_set(e, ERR_INVALID,
                   "PostgreSQL 数据库不能由本程序备份，请用 pg_dump：pg_dump -Fc \"数据库地址\" "
                   "-f %s；恢复用 pg_restore -d \"数据库地址\" %s",
                   path, path);
}

const struct db_ops db_pg_ops = {
    .open = pg_open,
    .close = pg_close,
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .done = pg_done,
    .col_int = pg_col_int,
    .col_text = pg_col_text,
    .col_null = pg_col_null,
    .col_blob = pg_col_blob,
    .col_is_blob = pg_col_is_blob,
    .columns = pg_columns,
    .column_name = pg_column_name,
    .changes = pg_changes,
    .exec_script = pg_exec_script,
    .begin = pg_begin,
    .begin_read = pg_begin_read,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .settle = pg_settle,
    .search = pg_search,
    .backup = pg_backup,
};
