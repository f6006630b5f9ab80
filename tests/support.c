/* support.c — the test harness. */
#include "tests/support.h"
#include "base/clock.h"
#include "law/agency.h"
#include "law/auth.h"
#include "law/holiday.h"
#include "law/role.h"
#include "law/workflow.h"
#include "store/blob.h"
#include "store/migrate.h"
#include "web/server.h"
#include "web/web.h"
#include "base/buf.h"
#include "base/codes.h"
#include "base/crypto.h"
#include "base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jpeglib.h>

const char *h_srcdir(void)
{
    const char *s = getenv("LANDUN_SRCDIR");
    return s ? s : ".";
}

char *h_read_file(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", h_srcdir(), rel);
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    struct buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    return buf_steal(&b);
}

char *h_flat(const char *s)
{
    struct buf b = {0};
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\f' || *p == '\t' || *p == '\r') continue;
        if (strncmp(p, "　", 3) == 0) {
            p += 2;
            continue;
        }
        buf_addc(&b, *p);
    }
    buf_adds(&b, "");
    return buf_steal(&b);
}

/* At s, the length of a page footer "第12页共3页" or "第1联共2联" (flattened), or 0. */
static size_t footer_at(const char *s)
{
    const char *t = s;
    if (!str_prefix(t, "第")) return 0;
    t += 3;
    size_t n = strspn(t, "0123456789");
    if (!n) return 0;
    t += n;
    const char *unit = str_prefix(t, "页共") ? "页" : str_prefix(t, "联共") ? "联" : NULL;
    if (!unit) return 0;
    t += 6;
    n = strspn(t, "0123456789");
    if (!n || !str_prefix(t + n, unit)) return 0;
    return (size_t)(t + n + 3 - s);
}

char *h_pdf_text(const char *dir, const char *name, const void *pdf, size_t len)
{
    char path[512], cmd[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) fail_msg("cannot write %s", path);
    assert_int_equal(fwrite(pdf, 1, len, f), len);
    fclose(f);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    struct buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        buf_add(&b, chunk, n);
    if (pclose(p) != 0) fail_msg("%s failed", cmd);
    buf_adds(&b, "");
    char *flat = h_flat(b.p);
    buf_free(&b);
    struct buf out = {0};
    for (const char *s = flat; *s;) {
        size_t skip = footer_at(s);
        if (skip) {
            s += skip;
        } else {
            buf_addc(&out, *s++);
        }
    }
    free(flat);
    buf_adds(&out, "");
    return buf_steal(&out);
}

static void add_agency(struct harness *h, const char *code, const char *name, const char *parent,
                       const char *level)
{
    struct err e = {0};
    struct agency_input in = {.code = code,
                              .name = name,
                              .short_name = NULL,
                              .division_code = code,
                              .level = level,
                              .parent_code = parent};
    int64_t id;
    assert_int_equal(agency_add(&h->ctx, &in, &id, &e), 0);
}

static void add_user(struct harness *h, const char *username, const char *agency, int role)
{
    struct err e = {0};
    struct user_input in = {.username = username,
                            .display_name = username,
                            .password = TEST_PASSWORD,
                            .agency_code = agency,
                            .roles = 1u << role};
    int64_t id;
    if (user_add(&h->ctx, &in, &id, &e)) fail_msg("user_add %s: %s", username, e.msg);
}

/* The rows every test starts from: the schema, the holiday calendars, the agency tree and one
 * user per role. Written through h->ctx on h->db. */
static void populate(struct harness *h)
{
    struct err e = {0};
    if (db_migrate(h->db, &e) < 0) fail_msg("migrate: %s", e.msg);
    if (holiday_seed(&h->ctx, &e) < 0) fail_msg("seed: %s", e.msg);
    add_agency(h, "320000", "江苏省卫生健康委员会", NULL, "province");
    add_agency(h, "320400", "常州市卫生健康委员会", "320000", "city");
    add_agency(h, "320412", "常州市武进区卫生健康局", "320400", "county");
    add_agency(h, "320411", "常州市新北区卫生健康局", "320400", "county");
    static const char *const names[] = {"admin",  "officer", "clerk", "legal",
                                        "leader", "auditor", "viewer"};
    for (int r = 0; r < ROLE_COUNT; r++)
        add_user(h, names[r], "320412", r);
    add_user(h, "other", "320411", ROLE_ADMIN);
    add_user(h, "city", "320400", ROLE_ADMIN);
    add_user(h, "province", "320000", ROLE_ADMIN);
}

/* Open url as h->db and point h->ctx at it, acting as the system. */
static void harness_open(struct harness *h, const char *url)
{
    struct err e = {0};
    snprintf(h->url, sizeof h->url, "%s", url);
    if (db_open(h->url, &h->db, &e)) fail_msg("db_open %s: %s", h->url, e.msg);
    h->ctx =
        (struct ctx){.db = h->db, .arena = &h->arena, .who = &actor_system, .now = clock_now()};
}

/* ---- PostgreSQL: one database per test case, cloned from a template built once per binary.
 * tests/run.py starts a throwaway cluster and passes its base URL in LANDUN_TEST_PG; the
 * databases are named after this process so parallel test binaries never meet. Cloning a
 * populated template costs a few tens of milliseconds, where migrating and seeding anew per case
 * would cost far more. */

static struct db *pg_admin;   /* connection to the maintenance database "postgres" */
static char pg_template[64];  /* the template database's name, "" until built */
static int pg_template_state; /* 0 not built, 1 ready, -1 building it failed */
static int pg_serial;         /* per-case database counter */

bool h_postgres(void)
{
    const char *b = getenv("LANDUN_TEST_BACKEND");
    return b && strcmp(b, "postgres") == 0;
}

/* The cluster's base URL ("postgresql://user@host:port/") followed by dbname, into out. */
static void pg_url(char *out, size_t n, const char *dbname)
{
    const char *base = getenv("LANDUN_TEST_PG");
    if (!base || !*base)
        fail_msg("LANDUN_TEST_BACKEND=postgres needs LANDUN_TEST_PG (run the tests through "
                 "tests/run.py)");
    snprintf(out, n, "%s%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/", dbname);
}

/* Run trusted SQL (database names we made up) on the maintenance connection. */
static void pg_admin_exec(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void pg_admin_exec(const char *fmt, ...)
{
    char sql[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    struct err e = {0};
    if (db_exec_script(pg_admin, &e, sql)) fail_msg("%s: %s", sql, e.msg);
}

/* At exit: drop the template and close the maintenance connection (runs before the leak check,
 * which the sanitizer registered earlier). */
static void pg_cleanup(void)
{
    if (!pg_admin) return;
    struct err e = {0};
    char sql[128];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", pg_template);
    if (pg_template[0] && db_exec_script(pg_admin, &e, sql))
        fprintf(stderr, "%s: %s\n", sql, e.msg);
    db_close(pg_admin);
    pg_admin = NULL;
}

/* Build the template database once: create it, populate it, and close it (a template must have
 * no connections when it is cloned). */
static void pg_build_template(void)
{
    struct err e = {0};
    char url[128];
    pg_template_state = -1; /* until it is done: a failure below jumps out of this function */
    pg_url(url, sizeof url, "postgres");
    if (db_open(url, &pg_admin, &e)) fail_msg("db_open %s: %s", url, e.msg);
    atexit(pg_cleanup);
    snprintf(pg_template, sizeof pg_template, "t_%d_tmpl", (int)getpid());
    /* a process of an earlier, crashed run may have had the same id */
    pg_admin_exec("DROP DATABASE IF EXISTS %s WITH (FORCE)", pg_template);
    pg_admin_exec("CREATE DATABASE %s", pg_template);
    struct harness t = {0};
    pg_url(url, sizeof url, pg_template);
    harness_open(&t, url);
    populate(&t);
    db_close(t.db);
    arena_free(&t.arena);
    pg_template_state = 1;
}

/* A fresh database for one test case, named into h->url and opened. FILE_COPY copies the
 * template's files (fast with fsync off) instead of writing every page to the WAL. */
static void pg_setup(struct harness *h)
{
    if (pg_template_state == 0) pg_build_template();
    if (pg_template_state < 0) fail_msg("the template database could not be built (see above)");
    char name[64], url[128];
    snprintf(name, sizeof name, "t_%d_%d", (int)getpid(), ++pg_serial);
    pg_admin_exec("CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", name, pg_template);
    pg_url(url, sizeof url, name);
    harness_open(h, url);
}

/* Drop the test case's database; FORCE ends connections a failed test left open. */
static void pg_teardown(struct harness *h)
{
    const char *name = strrchr(h->url, '/');
    if (pg_admin && name) {
        pg_admin_exec("DROP DATABASE IF EXISTS %s WITH (FORCE)", name + 1);
        pg_admin_exec("DROP DATABASE IF EXISTS %s_2 WITH (FORCE)", name + 1);
    }
}

/* The tests' "now" (h_set_now), or 0 for the process clock. */
static int64_t test_now;

int64_t h_clock(void)
{
    return test_now ? test_now : clock_now();
}

void h_set_clock(struct harness *h, int64_t now)
{
    test_now = now;
    h->ctx.now = now;
}

void h_set_now(struct harness *h, const char *instant)
{
    if (clock_parse(instant, &test_now)) fail_msg("h_set_now: bad instant %s", instant);
    h->ctx.now = test_now;
}

void h_seal_test_key(void)
{
    /* the data key that seals personal data (a deployment's is in a file: --data-key) */
    static const unsigned char key[SEAL_KEY_BYTES] = "landun-test-data-key-0123456789";
    seal_set_key(key);
}

int harness_setup(void **state)
{
    test_now = 0;
    static bool once;
    if (!once) {
        crypto_setup();
        crypto_set_fast_hashing(true);
        log_set_level(LOG_WARN);
        h_seal_test_key();
        once = true;
    }
    struct harness *h = calloc(1, sizeof *h);
    snprintf(h->dir, sizeof h->dir, "/tmp/landun-test-XXXXXX");
    if (!mkdtemp(h->dir)) return -1;
    h->postgres = h_postgres();
    if (h->postgres) {
        pg_setup(h);
    } else {
        char url[128];
        snprintf(url, sizeof url, "%s/test.db", h->dir);
        harness_open(h, url);
        populate(h);
    }
    struct err e = {0};
    if (server_calendar_reload(h->db, &e)) fail_msg("calendar: %s", e.msg);
    h->ctx.cal = server_calendar();
    char blobs[128];
    snprintf(blobs, sizeof blobs, "%s/evidence", h->dir);
    if (blob_open(blobs, &h->blobs, &e)) fail_msg("evidence store: %s", e.msg);
    h->ctx.blobs = h->blobs;
    if (web_setup(&e)) fail_msg("web_setup: %s", e.msg);
    *state = h;
    return 0;
}

void h_second_db(struct harness *h, struct db **out, char url[128])
{
    if (h->postgres) { /* an empty database beside the case's own, dropped with it */
        char name[80];
        snprintf(name, sizeof name, "%s_2", strrchr(h->url, '/') + 1);
        pg_admin_exec("CREATE DATABASE %s", name);
        pg_url(url, 128, name);
    } else {
        snprintf(url, 128, "%s/second.db", h->dir);
    }
    struct err e = {0};
    if (db_open(url, out, &e) || db_migrate(*out, &e) < 0) fail_msg("second db: %s", e.msg);
}

int harness_teardown(void **state)
{
    struct harness *h = *state;
    if (!h) return 0; /* the setup failed (and said why) */
    web_teardown();
    server_calendar_free();
    blob_close(h->blobs);
    db_close(h->db);
    if (h->postgres) pg_teardown(h);
    arena_free(&h->arena);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", h->dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", h->dir);
    free(h);
    return 0;
}

const char *h_header(const struct hresp *r, const char *name)
{
    static char value[1024];
    size_t n = strlen(name);
    for (const char *p = r->headers; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len > n + 2 && strncasecmp(p, name, n) == 0 && p[n] == ':') {
            snprintf(value, sizeof value, "%.*s", (int)(len - n - 2), p + n + 2);
            return value;
        }
        p += len + (nl ? 1 : 0);
    }
    return NULL;
}

/* The body of w as bytes: its buffer, its static file, or what its open file holds. */
static void take_body(struct resp *w, struct hresp *out)
{
    out->len = w->fd_len > 0 ? (size_t)w->fd_len : w->file ? w->file->len : w->body.len;
    out->body = malloc(out->len + 1);
    if (!out->body) abort();
    if (w->fd_len > 0) {
        ssize_t n = pread(w->fd, out->body, out->len, (off_t)w->fd_offset);
        if (n < 0 || (size_t)n != out->len) fail_msg("reading the response's file");
    } else if (out->len) {
        memcpy(out->body, w->file ? w->file->data : w->body.p, out->len);
    }
    out->body[out->len] = 0;
}

void h_request_bytes(struct harness *h, struct client *c, const char *method, const char *target,
                     const void *body, size_t len, struct hresp *out)
{
    struct arena arena = {0};
    struct req r = {.arena = &arena, .method = method, .ip = "127.0.0.1"};
    struct resp w = {0};
    memset(out, 0, sizeof *out);
    r.ctx = (struct ctx){.db = h->db,
                         .arena = &arena,
                         .who = &r.who,
                         .now = h_clock(),
                         .cal = server_calendar(),
                         .blobs = h->blobs};
    if (c && c->token[0])
        r.authorization = arena_printf(&arena, "Bearer %s", c->token);
    else if (c && c->cookie[0])
        r.cookie = c->cookie;
    if (c && c->csrf[0] && !c->token[0]) r.csrf_header = c->csrf; /* as X-CSRF-Token */
    if (body) {
        const char *b = body;
        r.content_type =
            len && b[0] == '{' ? "application/json" : "application/x-www-form-urlencoded";
    }
    if (body && c && c->content_type) r.content_type = c->content_type;
    if (c) {
        r.if_none_match = c->if_none_match;
        r.if_modified_since = c->if_modified_since;
        r.range = c->range;
        r.upload_offset = c->upload_offset;
        r.upload_length = c->upload_length;
        r.upload_metadata = c->upload_metadata;
    }
    int rc = web_parse_target(&r, target);
    if (!rc && body) rc = web_parse_body(&r, body, len);
    if (rc)
        web_error(&r, &w, rc);
    else
        web_handle(&r, &w);
    out->status = w.status ? w.status : 200;
    take_body(&w, out);
    snprintf(out->content_type, sizeof out->content_type, "%s",
             w.content_type ? w.content_type : "");
    size_t used = 0;
    for (int i = 0; i < w.nheaders; i++) {
        int k = snprintf(out->headers + used, sizeof out->headers - used, "%s: %s\n",
                         w.headers[i].name, w.headers[i].value);
        if (k > 0 && (size_t)k < sizeof out->headers - used) used += (size_t)k;
    }
    if (w.content_type && str_prefix(w.content_type, "application/json"))
        out->json = json_loads(out->body, 0, NULL);
    out->location = h_header(out, "Location") ? strdup(h_header(out, "Location")) : NULL;
    resp_free(&w);
    json_decref(r.json);
    arena_free(&arena);
}

void h_request(struct harness *h, struct client *c, const char *method, const char *target,
               const char *body, struct hresp *out)
{
    h_request_bytes(h, c, method, target, body, body ? strlen(body) : 0, out);
}

void h_requestf(struct harness *h, struct client *c, const char *method, const char *target,
                struct hresp *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *body = NULL;
    if (vasprintf(&body, fmt, ap) < 0) abort();
    va_end(ap);
    h_request(h, c, method, target, body, out);
    free(body);
}

void hresp_free(struct hresp *r)
{
    free(r->body);
    free((char *)r->location);
    json_decref(r->json);
    memset(r, 0, sizeof *r);
}

void h_login(struct harness *h, struct client *c, const char *username)
{
    memset(c, 0, sizeof *c);
    struct hresp r;
    h_requestf(h, NULL, "POST", "/api/v1/login", &r, "{\"username\":\"%s\",\"password\":\"%s\"}",
               username, TEST_PASSWORD);
    if (r.status != 200) fail_msg("login %s: %d %s", username, r.status, r.body);
    const char *cookie = h_header(&r, "Set-Cookie");
    assert_non_null(cookie);
    snprintf(c->cookie, sizeof c->cookie, "%.*s", (int)strcspn(cookie, ";"), cookie);
    snprintf(c->csrf, sizeof c->csrf, "%s", json_string_value(json_object_get(r.json, "csrf")));
    hresp_free(&r);
}

void h_actor(struct harness *h, const char *username, struct actor *who)
{
    struct err e = {0};
    int64_t id;
    assert_int_equal(
        db_get_int(h->db, &e, &id, "SELECT id FROM app_user WHERE username = ?", "t", username), 0);
    assert_int_equal(auth_load_actor(&h->ctx, id, who, &e), 0);
}

struct ctx h_ctx(struct harness *h, const char *username, struct actor *who)
{
    h_actor(h, username, who);
    struct ctx c = h->ctx;
    c.who = who;
    return c;
}

struct ctx h_public_ctx(struct harness *h, struct actor *nobody)
{
    memset(nobody, 0, sizeof *nobody);
    struct ctx c = h->ctx;
    c.who = nobody;
    return c;
}

int h_step(struct harness *h, const struct workflow *w, const char *username, int64_t id,
           const char *action, struct wf_args *a, struct err *e)
{
    struct actor who;
    struct ctx c = h_ctx(h, username, &who);
    struct wf_args none = {0};
    return wf_take(&c, w, id, action, a ? a : &none, NULL, e);
}

void h_must(struct harness *h, const struct workflow *w, const char *username, int64_t id,
            const char *action, struct wf_args *a)
{
    struct err e = {0};
    if (h_step(h, w, username, id, action, a, &e)) fail_msg("%s: %s", action, e.msg);
}

char *h_form(const char *name, ...)
{
    struct buf b = {0};
    va_list ap;
    va_start(ap, name);
    for (const char *n = name; n; n = va_arg(ap, const char *)) {
        const char *v = va_arg(ap, const char *);
        if (b.len) buf_addc(&b, '&');
        buf_add_urlenc(&b, n);
        buf_addc(&b, '=');
        buf_add_urlenc(&b, v);
    }
    va_end(ap);
    return buf_steal(&b);
}

void h_send_json(struct harness *h, struct client *c, const char *method, const char *target,
                 json_t *obj, struct hresp *r)
{
    char *s = json_dumps(obj, JSON_COMPACT);
    json_decref(obj);
    h_request(h, c, method, target, s, r);
    free(s);
}

void h_send_form(struct harness *h, struct client *c, const char *target, char *body,
                 struct hresp *r)
{
    h_request(h, c, "POST", target, body, r);
    free(body);
}

int64_t h_form_created(struct harness *h, struct client *c, const char *target, char *body)
{
    struct hresp r;
    h_send_form(h, c, target, body, &r);
    ASSERT_STATUS(r, 303);
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s/", target);
    int64_t id = h_id_from_location(&r, prefix);
    hresp_free(&r);
    return id;
}

void h_uscc(int n, char *out)
{
    snprintf(out, 19, "91320412%08d", n);
    out[16] = orgcode_check_char(out + 8);
    out[17] = uscc_check_char(out);
    out[18] = 0;
}

void h_idno(int n, char *out)
{
    snprintf(out, 19, "32041219800101%03d", n % 1000);
    out[17] = idcard_check_char(out);
    out[18] = 0;
}

const char *h_field_msg(const struct hresp *r, const char *name)
{
    return json_string_value(
        json_object_get(json_object_get(json_object_get(r->json, "error"), "fields"), name));
}

void h_assert_error_count(const struct hresp *r)
{
    int n = 0;
    for (const char *p = r->body; (p = strstr(p, "class=\"field-error\"")) != NULL; p++)
        n++;
    char want[96];
    snprintf(want, sizeof want, "提交的内容有 %d 处需要修改，请按各项旁的提示修改", n);
    if (n == 0 || !strstr(r->body, want)) fail_msg("no banner \"%s\" in: %.3000s", want, r->body);
}

void h_assert_field_error(const struct hresp *r, const char *name, const char *msg)
{
    char needle[80];
    snprintf(needle, sizeof needle, "name=\"%s\"", name);
    const char *at = strstr(r->body, needle);
    if (!at) fail_msg("no control %s in: %.1500s", name, r->body);
    const char *end = strstr(at + strlen(needle), "name=\"");
    const char *form_end = strstr(at, "</form>");
    if (!end || (form_end && form_end < end)) end = form_end;
    const char *m = strstr(at, msg);
    if (!m || (end && m > end)) fail_msg("message \"%s\" is not next to %s: %.600s", msg, name, at);
    const char *span = strstr(at, "field-error");
    if (!span || span > m) fail_msg("message for %s is not a field-error", name);
}

size_t h_count_rows(struct harness *h, struct client *c, const char *target)
{
    struct hresp r;
    h_request(h, c, "GET", target, NULL, &r);
    ASSERT_STATUS(r, 200);
    json_t *rows = json_object_get(r.json, "rows");
    assert_true(json_is_array(rows));
    size_t n = json_array_size(rows);
    hresp_free(&r);
    return n;
}

int64_t h_id_from_location(const struct hresp *r, const char *prefix)
{
    assert_non_null(r->location);
    if (!str_prefix(r->location, prefix)) fail_msg("location %s", r->location);
    return strtoll(r->location + strlen(prefix), NULL, 10);
}

char *h_multipart(const char *filename, const char *data, const char *const *fields)
{
    struct buf b = {0};
    for (size_t i = 0; fields && fields[i]; i += 2)
        buf_addf(&b,
                 "--" H_BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
                 fields[i], fields[i + 1]);
    buf_addf(&b,
             "--" H_BOUNDARY
             "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
             "Content-Type: application/octet-stream\r\n\r\n",
             filename);
    buf_adds(&b, data);
    buf_adds(&b, "\r\n--" H_BOUNDARY "--\r\n");
    return buf_steal(&b);
}

void h_post_multipart(struct harness *h, struct client *c, const char *target, char *body,
                      struct hresp *r)
{
    c->content_type = "multipart/form-data; boundary=" H_BOUNDARY;
    h_request(h, c, "POST", target, body, r);
    c->content_type = NULL;
    free(body);
}

bool h_exists(struct db *db, const char *sql, const char *types, ...)
{
    struct err e = {0};
    va_list ap;
    va_start(ap, types);
    int rc = db_vexists(db, &e, sql, types, ap);
    va_end(ap);
    if (rc < 0) fail_msg("%s: %s", sql, e.msg);
    return rc > 0;
}

const char *h_text(struct harness *h, const char *sql, const char *types, ...)
{
    struct db_arg args[8];
    size_t n = 0;
    va_list ap;
    va_start(ap, types);
    for (; types[n] && n < sizeof args / sizeof *args; n++) {
        args[n].type = types[n];
        if (types[n] == 'i')
            args[n].i = va_arg(ap, int64_t);
        else if (types[n] == 't')
            args[n].s = va_arg(ap, const char *);
        else
            break;
    }
    va_end(ap);
    if (types[n]) fail_msg("h_text: cannot bind \"%s\" of %s", types, sql);
    struct err e = {0};
    struct db_stmt *st = db_query_args(h->db, &e, sql, (int)n, args);
    if (!st) fail_msg("%s: %s", sql, e.msg);
    int rc = db_step(st, &e);
    if (rc != DB_ROW) {
        db_done(st);
        fail_msg("%s: %s", sql, rc == DB_DONE ? "no row" : e.msg);
    }
    const char *s = arena_strdup(&h->arena, db_null(st, 0) ? "(null)" : db_text(st, 0));
    db_done(st);
    return s;
}

const char *h_due(struct harness *h, const char *kind, int64_t id, const char *name)
{
    return h_text(h, "SELECT due_on FROM wf_deadline WHERE kind = ? AND object_id = ? AND name = ?",
                  "tit", kind, id, name);
}

bool h_mentions(struct harness *h, const char *table, const char *column, const char *text)
{
    const char *sql = arena_printf(&h->arena, "SELECT 1 FROM %s WHERE %s LIKE ?", table, column);
    return h_exists(h->db, sql, "t", arena_printf(&h->arena, "%%%s%%", text));
}

unsigned char *h_jpeg(int w, int h, int orientation, unsigned long *len)
{
    struct jpeg_compress_struct ci;
    struct jpeg_error_mgr err;
    unsigned char *mem = NULL;
    ci.err = jpeg_std_error(&err);
    jpeg_create_compress(&ci);
    jpeg_mem_dest(&ci, &mem, len);
    ci.image_width = (JDIMENSION)w;
    ci.image_height = (JDIMENSION)h;
    ci.input_components = 3;
    ci.in_color_space = JCS_RGB;
    jpeg_set_defaults(&ci);
    jpeg_start_compress(&ci, TRUE);
    if (orientation > 0) {
        /* Exif, big-endian TIFF, IFD0 at 8 with one entry: 0x0112 SHORT 1 = orientation */
        unsigned char exif[] = {
            'E', 'x', 'i', 'f',  0,    0, 'M', 'M', 0, 42, 0, 0, 0,
            8,   0,   1,   0x01, 0x12, 0, 3,   0,   0, 0,  1, 0, (unsigned char)orientation,
            0,   0,   0,   0,    0,    0};
        jpeg_write_marker(&ci, JPEG_APP0 + 1, exif, sizeof exif);
    }
    unsigned char *row = malloc((size_t)w * 3);
    while (ci.next_scanline < ci.image_height) {
        for (int x = 0; x < w; x++) {
            row[x * 3] = (unsigned char)(x * 255 / w);
            row[x * 3 + 1] = (unsigned char)(ci.next_scanline * 255 / (unsigned)h);
            row[x * 3 + 2] = 128;
        }
        JSAMPROW rows[1] = {row};
        jpeg_write_scanlines(&ci, rows, 1);
    }
    jpeg_finish_compress(&ci);
    jpeg_destroy_compress(&ci);
    free(row);
    return mem;
}
