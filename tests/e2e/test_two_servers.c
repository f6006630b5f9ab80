/* test_two_servers.c — two `landun serve` processes on one database behave as one server: a
 * session made on one is valid on the other (CSRF included), a logout on one ends it on both,
 * the login lockout counts failures made on either, a calendar change made on one reaches
 * the other, and an idle server holds no transaction open. The binary under test is $LANDUN_BIN;
 * the database is the harness's (SQLite or PostgreSQL). */
#include "tests/support.h"
#include "law/audit.h"

#include <pthread.h>

#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* A server process and its base URL. */
struct proc {
    pid_t pid;
    char base[64];
    char log[96]; /* its standard error */
};

static struct proc srv[2];

/* The port a server's start-up line in log says it listens on; 0 until it is there. */
static unsigned logged_port(const char *log)
{
    FILE *f = fopen(log, "r");
    char line[512];
    unsigned port = 0;
    while (f && !port && fgets(line, sizeof line, f)) {
        const char *at = strstr(line, "(port ");
        if (at) port = (unsigned)atoi(at + 6);
    }
    if (f) fclose(f);
    return port;
}

/* Start `landun serve` on a free port, logging to a file; its start-up line says which port. */
static void spawn_server(const char *url, int n, struct proc *p)
{
    const char *bin = getenv("LANDUN_BIN");
    if (!bin) fail_msg("LANDUN_BIN is not set");
    snprintf(p->log, sizeof p->log, "/tmp/landun-two-%d-%d.log", (int)getpid(), n);
    unlink(p->log);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, p->log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    /* The second server runs as behind nginx on this host: it trusts X-Real-IP from 127.0.0.1. */
    char *argv[] = {(char *)bin, "serve",       "--db",    (char *)url,
                    "--listen",  "127.0.0.1:0", "--quiet", n ? "--trusted-proxy" : NULL,
                    "127.0.0.1", NULL};
    assert_int_equal(posix_spawn(&p->pid, bin, &fa, NULL, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    unsigned port = 0;
    for (int i = 0; i < 300 && !(port = logged_port(p->log)); i++)
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    if (!port) fail_msg("server %d did not start; see %s", n, p->log);
    snprintf(p->base, sizeof p->base, "http://127.0.0.1:%u", port);
}

static int start(void **state)
{
    int rc = harness_setup(state);
    if (rc) return rc;
    struct harness *h = *state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    spawn_server(h->url, 0, &srv[0]);
    spawn_server(h->url, 1, &srv[1]);
    return 0;
}

static int stop(void **state)
{
    for (int i = 0; i < 2; i++) {
        if (srv[i].pid <= 0) continue;
        kill(srv[i].pid, SIGTERM);
        waitpid(srv[i].pid, NULL, 0);
        unlink(srv[i].log);
    }
    curl_global_cleanup();
    return harness_teardown(state);
}

/* A response: status, body, and the session cookie if one was set. */
struct got {
    long status;
    struct buf body;
    char cookie[160];
    char set_cookie[256]; /* the whole Set-Cookie value, attributes and all */
};

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
    buf_add(&((struct got *)arg)->body, p, size * n);
    return size * n;
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
    struct got *g = arg;
    size_t len = size * n;
    if (len > 12 && strncasecmp(p, "Set-Cookie: ", 12) == 0) {
        size_t k = strcspn(p + 12, ";\r\n");
        snprintf(g->cookie, sizeof g->cookie, "%.*s", (int)k, p + 12);
        snprintf(g->set_cookie, sizeof g->set_cookie, "%.*s", (int)strcspn(p + 12, "\r\n"), p + 12);
    }
    return len;
}

/* method path on server s with a JSON body (or NULL), the cookie and CSRF token (or NULL). */
static const char *real_ip;         /* X-Real-IP to send, or NULL */
static const char *forwarded_proto; /* X-Forwarded-Proto to send, or NULL */

static void call(int s, const char *method, const char *path, const char *json, const char *cookie,
                 const char *csrf, struct got *g)
{
    CURL *c = curl_easy_init();
    char url[256], hdr[200];
    snprintf(url, sizeof url, "%s%s", srv[s].base, path);
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    if (csrf) {
        snprintf(hdr, sizeof hdr, "X-CSRF-Token: %s", csrf);
        headers = curl_slist_append(headers, hdr);
    }
    if (real_ip) {
        char ip[80];
        snprintf(ip, sizeof ip, "X-Real-IP: %s", real_ip);
        headers = curl_slist_append(headers, ip);
    }
    if (forwarded_proto) {
        char proto[80];
        snprintf(proto, sizeof proto, "X-Forwarded-Proto: %s", forwarded_proto);
        headers = curl_slist_append(headers, proto);
    }
    buf_reset(&g->body);
    g->cookie[0] = 0;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (json) curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
    if (cookie) curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, g);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, g);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) fail_msg("%s %s: %s", method, url, curl_easy_strerror(rc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &g->status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
}

/* Log in as username on server s; fills cookie and csrf. */
static void login(int s, const char *username, char cookie[160], char csrf[80])
{
    struct got g = {0};
    char body[160];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
             TEST_PASSWORD);
    call(s, "POST", "/api/v1/login", body, NULL, NULL, &g);
    assert_int_equal(g.status, 200);
    json_t *doc = json_loads(buf_str(&g.body), 0, NULL);
    assert_non_null(doc);
    snprintf(csrf, 80, "%s", json_string_value(json_object_get(doc, "csrf")));
    snprintf(cookie, 160, "%s", g.cookie);
    assert_true(cookie[0] != 0);
    json_decref(doc);
    buf_free(&g.body);
}

static void test_session_made_on_one_server_is_valid_on_the_other(void **state)
{
    (void)state;
    char cookie[160], csrf[80];
    struct got g = {0};
    login(0, "clerk", cookie, csrf);
    call(1, "GET", "/api/v1/me", NULL, cookie, NULL, &g);
    assert_int_equal(g.status, 200);
    assert_non_null(strstr(buf_str(&g.body), "\"clerk\""));
    /* a change on the other server, with the CSRF token the first one issued */
    char uscc[19], body[400];
    h_uscc(4242, uscc);
    snprintf(body, sizeof body,
             "{\"name\":\"两台服务器诊所\",\"uscc\":\"%s\",\"address\":\"湖塘镇1号\","
             "\"subtype\":\"clinic\",\"lines\":\"medical\",\"status\":\"open\"}",
             uscc);
    call(1, "POST", "/api/v1/entities", body, cookie, NULL, &g);
    assert_int_equal(g.status, 403); /* no CSRF token */
    call(1, "POST", "/api/v1/entities", body, cookie, csrf, &g);
    assert_int_equal(g.status, 201);
    call(0, "GET", "/api/v1/entities?q=%E4%B8%A4%E5%8F%B0", NULL, cookie, NULL, &g);
    assert_int_equal(g.status, 200);
    assert_non_null(strstr(buf_str(&g.body), "两台服务器诊所"));
    /* logging out on one ends the session on both */
    call(1, "POST", "/api/v1/logout", NULL, cookie, csrf, &g);
    assert_true(g.status == 200 || g.status == 204);
    call(0, "GET", "/api/v1/me", NULL, cookie, NULL, &g);
    assert_int_equal(g.status, 401);
    buf_free(&g.body);
}

/* One writer: `each` new entities through server `server`, all with the same session. */
struct writer {
    int server, first, each, created;
    const char *cookie, *csrf;
};

static void *write_entities(void *arg)
{
    struct writer *w = arg;
    struct got g = {0};
    for (int i = 0; i < w->each; i++) {
        char uscc[19], body[400];
        h_uscc(5000 + w->first + i, uscc);
        snprintf(body, sizeof body,
                 "{\"name\":\"并发登记%d\",\"uscc\":\"%s\",\"address\":\"湖塘镇%d号\","
                 "\"subtype\":\"clinic\",\"status\":\"open\"}",
                 w->first + i, uscc, i);
        call(w->server, "POST", "/api/v1/entities", body, w->cookie, w->csrf, &g);
        w->created += g.status == 201;
    }
    buf_free(&g.body);
    return NULL;
}

/* Writers on both servers at once each take the next number of the audit chain: none fails,
 * none repeats or skips a number, and the chain stays whole. */
static void test_concurrent_writes_on_both_servers_keep_one_numbering(void **state)
{
    struct harness *h = *state;
    char cookie[160], csrf[80];
    login(0, "clerk", cookie, csrf);
    struct err e = {0};
    int64_t before = 0, after = 0, rows = 0;
    assert_int_equal(db_get_int(h->db, &e, &before, "SELECT last_id FROM audit_head", ""), 0);
    enum { WRITERS = 4, EACH = 10 };
    struct writer w[WRITERS];
    pthread_t t[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        w[i] = (struct writer){
            .server = i % 2, .first = i * EACH, .each = EACH, .cookie = cookie, .csrf = csrf};
        assert_int_equal(pthread_create(&t[i], NULL, write_entities, &w[i]), 0);
    }
    for (int i = 0; i < WRITERS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].created, EACH);
    }
    assert_int_equal(db_get_int(h->db, &e, &after, "SELECT last_id FROM audit_head", ""), 0);
    assert_int_equal(after - before, WRITERS * EACH);
    assert_int_equal(db_get_int(h->db, &e, &rows, "SELECT COUNT(DISTINCT id) FROM audit_log", ""),
                     0);
    assert_int_equal(rows, after);
    struct audit_check check;
    assert_int_equal(audit_verify(h->db, &check, &e), 0);
    assert_int_equal(check.broken_id, 0);
    assert_int_equal(check.rows, after);
}

static void test_login_lockout_counts_failures_on_both_servers(void **state)
{
    (void)state;
    struct got g = {0};
    const char *bad = "{\"username\":\"viewer\",\"password\":\"wrong-password\"}";
    for (int i = 0; i < 5; i++) {
        call(i % 2, "POST", "/api/v1/login", bad, NULL, NULL, &g);
        assert_int_equal(g.status, 401);
    }
    char good[160];
    snprintf(good, sizeof good, "{\"username\":\"viewer\",\"password\":\"%s\"}", TEST_PASSWORD);
    call(0, "POST", "/api/v1/login", good, NULL, NULL, &g);
    assert_int_equal(g.status, 429);
    call(1, "POST", "/api/v1/login", good, NULL, NULL, &g);
    assert_int_equal(g.status, 429);
    buf_free(&g.body);
}

/* The working day one after 2026-03-05 (a Thursday), as server s computes it. */
static void next_workday(int s, const char *cookie, char out[11])
{
    struct got g = {0};
    call(s, "GET", "/api/v1/calendar/compute?date=2026-03-05&n=1", NULL, cookie, NULL, &g);
    assert_int_equal(g.status, 200);
    json_t *doc = json_loads(buf_str(&g.body), 0, NULL);
    assert_non_null(doc);
    snprintf(out, 11, "%s", json_string_value(json_object_get(doc, "result")));
    json_decref(doc);
    buf_free(&g.body);
}

static void test_calendar_change_on_one_server_reaches_the_other(void **state)
{
    (void)state;
    char cookie[160], csrf[80], day[11];
    struct got g = {0};
    login(0, "province", cookie, csrf);
    next_workday(1, cookie, day);
    assert_string_equal(day, "2026-03-06");
    call(0, "POST", "/api/v1/calendar/days",
         "{\"day\":\"2026-03-06\",\"off\":\"1\",\"name\":\"测试假日\"}", cookie, csrf, &g);
    assert_true(g.status == 200 || g.status == 201);
    next_workday(0, cookie, day);
    assert_string_equal(day, "2026-03-09");
    /* the other process looks for changes once a second */
    for (int i = 0; i < 30; i++) {
        next_workday(1, cookie, day);
        if (strcmp(day, "2026-03-09") == 0) break;
        nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    }
    assert_string_equal(day, "2026-03-09");
    buf_free(&g.body);
}

/* On PostgreSQL a read's COMMIT goes with the connection's next command; a server with nothing
 * to do sends it within a moment, so that no snapshot and no lock of a read outlives it (a
 * migration run beside idle servers would wait for them). */
static void test_an_idle_server_holds_no_transaction_open(void **state)
{
    struct harness *h = *state;
    if (!h->postgres) skip();
    char cookie[160], csrf[80];
    struct got g = {0};
    login(0, "admin", cookie, csrf);
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < 5; i++) {
            call(s, "GET", "/api/v1/me", NULL, cookie, NULL, &g);
            assert_int_equal(g.status, 200);
        }
    struct err e = {0};
    int64_t open = -1;
    for (int i = 0; i < 100 && open != 0; i++) {
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
        assert_int_equal(
            db_get_int(h->db, &e, &open,
                       "SELECT count(*) FROM pg_stat_activity"
                       " WHERE datname = current_database()"
                       " AND state = 'idle in transaction' AND pid <> pg_backend_pid()",
                       ""),
            0);
    }
    assert_int_equal(open, 0);
    assert_int_equal(db_begin(h->db, &e), 0);
    assert_int_equal(db_exec(h->db, &e, "SET LOCAL lock_timeout = '1s'", ""), 0);
    assert_int_equal(db_exec(h->db, &e, "LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE", ""), 0);
    db_rollback(h->db);
    buf_free(&g.body);
}

/* The address a session was opened from, as the database recorded it. */
static void session_ip(struct harness *h, char out[64])
{
    struct err e = {0};
    struct db_stmt *st = db_query(h->db, &e, "SELECT ip FROM session ORDER BY created_at DESC", "");
    assert_non_null(st);
    assert_int_equal(db_step(st, &e), DB_ROW);
    snprintf(out, 64, "%s", db_text(st, 0));
    db_done(st);
}

/* A server started on an address another one already listens on refuses to start, whatever its
 * database: sharing the port would split the requests between them unseen. */
static void test_a_server_on_an_address_in_use_refuses_to_start(void **state)
{
    struct harness *h = *state;
    const char *bin = getenv("LANDUN_BIN");
    char listen[32], log[96];
    snprintf(listen, sizeof listen, "%s", srv[0].base + strlen("http://"));
    snprintf(log, sizeof log, "/tmp/landun-two-%d-busy.log", (int)getpid());
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    char *argv[] = {(char *)bin, "serve", "--db", h->url, "--listen", listen, "--quiet", NULL};
    pid_t pid;
    assert_int_equal(posix_spawn(&pid, bin, &fa, NULL, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    int status = 0, waited = 0;
    for (int i = 0; i < 200 && !(waited = waitpid(pid, &status, WNOHANG)); i++)
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    if (!waited) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        fail_msg("a second server started on %s", listen);
    }
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) != 0);
    FILE *f = fopen(log, "r");
    char text[1024] = "";
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    text[n] = 0;
    if (f) fclose(f);
    unlink(log);
    assert_non_null(strstr(text, "无法在"));
}

static void test_x_real_ip_is_trusted_only_from_the_configured_proxy(void **state)
{
    struct harness *h = *state;
    char cookie[160], csrf[80], ip[64];
    real_ip = "203.0.113.7";
    login(1, "leader", cookie, csrf);
    session_ip(h, ip);
    assert_string_equal(ip, "203.0.113.7");
    db_exec(h->db, NULL, "DELETE FROM session", "");
    login(0, "leader", cookie, csrf); /* server 0 has no trusted proxy: the header is ignored */
    session_ip(h, ip);
    assert_string_equal(ip, "127.0.0.1");
    real_ip = NULL;
}

/* Behind a TLS proxy the session cookie is Secure: from X-Forwarded-Proto of the trusted proxy
 * only (server 1), never from a client's own header (server 0). */
static void test_session_cookie_is_secure_behind_a_tls_proxy(void **state)
{
    (void)state;
    struct got g = {0};
    char body[160];
    snprintf(body, sizeof body, "{\"username\":\"clerk\",\"password\":\"%s\"}", TEST_PASSWORD);
    forwarded_proto = "https";
    call(1, "POST", "/api/v1/login", body, NULL, NULL, &g);
    assert_int_equal(g.status, 200);
    assert_non_null(strstr(g.set_cookie, "; Secure"));
    call(0, "POST", "/api/v1/login", body, NULL, NULL, &g);
    assert_int_equal(g.status, 200);
    assert_null(strstr(g.set_cookie, "Secure"));
    forwarded_proto = "http";
    call(1, "POST", "/api/v1/login", body, NULL, NULL, &g);
    assert_null(strstr(g.set_cookie, "Secure"));
    forwarded_proto = NULL;
    buf_free(&g.body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_session_made_on_one_server_is_valid_on_the_other,
                                        start, stop),
        cmocka_unit_test_setup_teardown(test_login_lockout_counts_failures_on_both_servers, start,
                                        stop),
        cmocka_unit_test_setup_teardown(test_concurrent_writes_on_both_servers_keep_one_numbering,
                                        start, stop),
        cmocka_unit_test_setup_teardown(test_calendar_change_on_one_server_reaches_the_other, start,
                                        stop),
        cmocka_unit_test_setup_teardown(test_an_idle_server_holds_no_transaction_open, start, stop),
        cmocka_unit_test_setup_teardown(test_a_server_on_an_address_in_use_refuses_to_start, start,
                                        stop),
        cmocka_unit_test_setup_teardown(test_session_cookie_is_secure_behind_a_tls_proxy, start,
                                        stop),
        cmocka_unit_test_setup_teardown(test_x_real_ip_is_trusted_only_from_the_configured_proxy,
                                        start, stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
