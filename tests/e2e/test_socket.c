/* test_socket.c — the real server on a loopback socket, driven with libcurl: keep-alive, limits,
 * a login round trip, concurrent clients, and a clean stop. */
#include "tests/support.h"
#include "web/server.h"
#include "base/crypto.h"
#include "store/blob.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static struct server *srv;
static char base[64];

static int start(void **state)
{
    int rc = harness_setup(state);
    if (rc) return rc;
    struct harness *h = *state;
    struct err e = {0};
    static char evidence[128];
    snprintf(evidence, sizeof evidence, "%s/evidence", h->dir);
    struct server_config cfg = {.db_url = h->url,
                                .evidence_dir = evidence,
                                .listen = "127.0.0.1:0",
                                .threads = 4,
                                .max_body = 64 * 1024,
                                .timeout = 10,
                                .quiet = true,
                                .public_cache_mb = 1};
    if (server_start(&cfg, &srv, &e)) fail_msg("server_start: %s", e.msg);
    snprintf(base, sizeof base, "http://127.0.0.1:%u", server_port(srv));
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return 0;
}

static int stop(void **state)
{
    server_stop(srv);
    curl_global_cleanup();
    return harness_teardown(state);
}

/* A response body collected by curl. */
static size_t collect(char *p, size_t size, size_t n, void *arg)
{
    buf_add(arg, p, size * n);
    return size * n;
}

/* GET or POST path on handle c; returns the status and fills body. */
static long fetch(CURL *c, const char *method, const char *path, const char *body,
                  struct curl_slist *headers, struct buf *out)
{
    char url[256];
    snprintf(url, sizeof url, "%s%s", base, path);
    buf_reset(out);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    if (!body) curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) return -(long)rc;
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    return status;
}

static void test_keep_alive_reuses_the_connection(void **state)
{
    (void)state;
    CURL *c = curl_easy_init();
    struct buf out = {0};
    assert_int_equal(fetch(c, "GET", "/healthz", NULL, NULL, &out), 200);
    assert_non_null(strstr(buf_str(&out), "ok"));
    assert_int_equal(fetch(c, "GET", "/login", NULL, NULL, &out), 200);
    long connects = -1;
    curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
    assert_int_equal(connects, 0); /* the second request used the first connection */
    assert_non_null(strstr(buf_str(&out), "<form method=\"post\" action=\"/login\""));
    buf_free(&out);
    curl_easy_cleanup(c);
}

static void test_login_then_api_over_the_socket(void **state)
{
    (void)state;
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
    struct buf out = {0};
    struct curl_slist *json = curl_slist_append(NULL, "Content-Type: application/json");
    char body[128];
    snprintf(body, sizeof body, "{\"username\":\"admin\",\"password\":\"%s\"}", TEST_PASSWORD);
    assert_int_equal(fetch(c, "POST", "/api/v1/login", body, json, &out), 200);
    json_t *doc = json_loads(buf_str(&out), 0, NULL);
    assert_non_null(json_string_value(json_object_get(doc, "csrf")));
    assert_int_equal(fetch(c, "GET", "/api/v1/me", NULL, NULL, &out), 200);
    assert_non_null(strstr(buf_str(&out), "\"username\":\"admin\""));
    /* a write with the cookie but without the CSRF header is refused */
    assert_int_equal(fetch(c, "POST", "/api/v1/logout", "{}", json, &out), 403);
    char hdr[128];
    snprintf(hdr, sizeof hdr, "X-CSRF-Token: %s", json_string_value(json_object_get(doc, "csrf")));
    struct curl_slist *both =
        curl_slist_append(curl_slist_append(NULL, hdr), "Content-Type: application/json");
    assert_int_equal(fetch(c, "POST", "/api/v1/logout", "{}", both, &out), 200);
    assert_int_equal(fetch(c, "GET", "/api/v1/me", NULL, NULL, &out), 401);
    json_decref(doc);
    curl_slist_free_all(json);
    curl_slist_free_all(both);
    buf_free(&out);
    curl_easy_cleanup(c);
}

static void test_body_over_the_limit_is_413(void **state)
{
    (void)state;
    CURL *c = curl_easy_init();
    struct buf out = {0}, big = {0};
    buf_adds(&big, "username=");
    for (int i = 0; i < 70 * 1024; i++)
        buf_addc(&big, 'a');
    struct curl_slist *form =
        curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded");
    assert_int_equal(fetch(c, "POST", "/login", big.p, form, &out), 413);
    /* under /api/v1 the answer is JSON like every other error there */
    assert_int_equal(fetch(c, "POST", "/api/v1/login", big.p, form, &out), 413);
    json_t *doc = json_loads(buf_str(&out), 0, NULL);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "error"), "code")),
                        "too_large");
    json_decref(doc);
    curl_slist_free_all(form);
    buf_free(&big);
    buf_free(&out);
    curl_easy_cleanup(c);
}

static void test_oversized_headers_are_refused(void **state)
{
    (void)state;
    CURL *c = curl_easy_init();
    struct buf out = {0}, hdr = {0};
    buf_adds(&hdr, "X-Junk: ");
    for (int i = 0; i < 100 * 1024; i++)
        buf_addc(&hdr, 'x');
    struct curl_slist *h = curl_slist_append(NULL, hdr.p);
    long status = fetch(c, "GET", "/healthz", NULL, h, &out);
    assert_true(status == 431 || status == 413 || status < 0);
    /* and the server still answers */
    assert_int_equal(fetch(c, "GET", "/healthz", NULL, NULL, &out), 200);
    curl_slist_free_all(h);
    buf_free(&hdr);
    buf_free(&out);
    curl_easy_cleanup(c);
}

static void *client_thread(void *arg)
{
    long *failures = arg;
    CURL *c = curl_easy_init();
    struct buf out = {0};
    for (int i = 0; i < 40; i++)
        if (fetch(c, "GET", i % 2 ? "/healthz" : "/login", NULL, NULL, &out) != 200) (*failures)++;
    buf_free(&out);
    curl_easy_cleanup(c);
    return NULL;
}

static void test_concurrent_clients(void **state)
{
    (void)state;
    pthread_t t[6];
    long failures[6] = {0};
    for (int i = 0; i < 6; i++)
        pthread_create(&t[i], NULL, client_thread, &failures[i]);
    for (int i = 0; i < 6; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 6; i++)
        assert_int_equal(failures[i], 0);
}

static void test_bad_request_target_does_not_kill_the_server(void **state)
{
    (void)state;
    CURL *c = curl_easy_init();
    struct buf out = {0};
    assert_int_equal(fetch(c, "GET", "/entities?q=%ZZ", NULL, NULL, &out), 400);
    assert_int_equal(fetch(c, "GET", "/%C0%AF", NULL, NULL, &out), 400);
    assert_int_equal(fetch(c, "GET", "/healthz", NULL, NULL, &out), 200);
    buf_free(&out);
    curl_easy_cleanup(c);
}

/* Send raw bytes on a new connection and return what comes back (heap, NUL-terminated). */
static char *raw_exchange(const char *request)
{
    int port = (int)server_port(srv);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_true(write(fd, request, strlen(request)) == (ssize_t)strlen(request));
    shutdown(fd, SHUT_WR);
    struct buf b = {0};
    char chunk[4096];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        buf_add(&b, chunk, (size_t)n);
    close(fd);
    return buf_steal(&b);
}

/* The value of header name in a raw response, copied into out ("" when absent). */
static void raw_header(const char *resp, const char *name, char *out, size_t n)
{
    const char *p = strcasestr(resp, name);
    out[0] = 0;
    if (p) snprintf(out, n, "%.*s", (int)strcspn(p + strlen(name) + 2, "\r"), p + strlen(name) + 2);
}

static void *public_client(void *arg)
{
    long *failures = arg;
    CURL *c = curl_easy_init();
    struct buf out = {0};
    char path[64];
    for (int i = 0; i < 60; i++) {
        snprintf(path, sizeof path, i % 3 ? "/public/guides" : "/rules?x=%d", i);
        if (fetch(c, "GET", path, NULL, NULL, &out) != 200 || !strstr(buf_str(&out), "</html>"))
            (*failures)++;
    }
    buf_free(&out);
    curl_easy_cleanup(c);
    return NULL;
}

/* A public page answered from memory over the socket: the same bytes and validators each time,
 * HEAD with the length and no body, 304 to the ETag; and many clients while answers are kept
 * and evicted (the cache of 1 MB here) all get whole pages. */
static void test_public_page_from_memory(void **state)
{
    (void)state;
    char *first = raw_exchange("GET /public/guides HTTP/1.1\r\nHost: x\r\n\r\n");
    char *again = raw_exchange("GET /public/guides HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_non_null(strstr(first, "HTTP/1.1 200"));
    char etag[64], etag2[64], len[32], len2[32];
    raw_header(first, "ETag", etag, sizeof etag);
    raw_header(again, "ETag", etag2, sizeof etag2);
    raw_header(first, "Content-Length", len, sizeof len);
    assert_true(etag[0] && strcmp(etag, etag2) == 0);
    assert_string_equal(strstr(first, "\r\n\r\n"), strstr(again, "\r\n\r\n"));
    char *head = raw_exchange("HEAD /public/guides HTTP/1.1\r\nHost: x\r\n\r\n");
    raw_header(head, "Content-Length", len2, sizeof len2);
    assert_string_equal(len, len2);
    assert_string_equal(strstr(head, "\r\n\r\n"), "\r\n\r\n");
    char req[256];
    snprintf(req, sizeof req, "GET /public/guides HTTP/1.1\r\nHost: x\r\nIf-None-Match: %s\r\n\r\n",
             etag);
    char *cond = raw_exchange(req);
    assert_non_null(strstr(cond, "HTTP/1.1 304"));
    free(first), free(again), free(head), free(cond);

    pthread_t t[4];
    long failures[4] = {0};
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, public_client, &failures[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++)
        assert_int_equal(failures[i], 0);
}

/* A body whose length is said twice, or two ways, is refused: a proxy in front could read
 * another request out of it than this server does (request smuggling). */
static void test_ambiguous_body_length_is_refused(void **state)
{
    (void)state;
    char *got = raw_exchange("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n"
                             "Content-Length: 5\r\nContent-Type: application/json\r\n"
                             "Connection: close\r\n\r\n{\"a\":1}");
    assert_non_null(strstr(got, "HTTP/1.1 400"));
    assert_non_null(strstr(got, "bad_request"));
    free(got);
    got = raw_exchange("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n"
                       "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n"
                       "Connection: close\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n");
    assert_true(strstr(got, "HTTP/1.1 400") != NULL || got[0] == 0);
    free(got);
    /* and one length is fine */
    got = raw_exchange("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\n"
                       "Content-Type: application/json\r\nConnection: close\r\n\r\n{\"a\":1}");
    assert_null(strstr(got, "HTTP/1.1 400"));
    free(got);
}

/* A client logged in as username on handle c: the headers of a write (the session's token). */
static struct curl_slist *logged_in(CURL *c, const char *username)
{
    struct buf out = {0};
    char body[128], hdr[128];
    curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");
    struct curl_slist *json = curl_slist_append(NULL, "Content-Type: application/json");
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
             TEST_PASSWORD);
    assert_int_equal(fetch(c, "POST", "/api/v1/login", body, json, &out), 200);
    json_t *doc = json_loads(buf_str(&out), 0, NULL);
    snprintf(hdr, sizeof hdr, "X-CSRF-Token: %s", json_string_value(json_object_get(doc, "csrf")));
    json_decref(doc);
    curl_slist_free_all(json);
    buf_free(&out);
    return curl_slist_append(NULL, hdr);
}

/* An upload of size bytes started by the client with headers csrf: its path. */
static char *new_upload(CURL *c, struct curl_slist *csrf, long size)
{
    struct buf out = {0};
    char len[64];
    snprintf(len, sizeof len, "Upload-Length: %ld", size);
    struct curl_slist *h = curl_slist_append(curl_slist_append(NULL, len), "Tus-Resumable: 1.0.0");
    h = curl_slist_append(h, strchr(csrf->data, 'X'));
    assert_int_equal(fetch(c, "POST", "/api/v1/uploads", "", h, &out), 201);
    json_t *doc = json_loads(buf_str(&out), 0, NULL);
    char *url = strdup(json_string_value(json_object_get(doc, "url")));
    json_decref(doc);
    curl_slist_free_all(h);
    buf_free(&out);
    return url;
}

/* What the server holds of upload url: Upload-Offset of a HEAD. */
static long upload_offset(CURL *c, const char *url)
{
    struct buf out = {0};
    assert_int_equal(fetch(c, "GET", url, NULL, NULL, &out), 200);
    json_t *doc = json_loads(buf_str(&out), 0, NULL);
    long n = (long)json_integer_value(json_object_get(doc, "offset"));
    json_decref(doc);
    buf_free(&out);
    return n;
}

/* An upload's body streams into the evidence store: far above the body limit (64 KiB here), in
 * one request, and an interrupted one keeps what arrived, so the client resumes from there. */
static void test_upload_streams_past_the_body_limit_and_resumes(void **state)
{
    struct harness *h = *state;
    CURL *c = curl_easy_init();
    struct curl_slist *csrf = logged_in(c, "officer");
    const long size = 3 << 20;
    char *url = new_upload(c, csrf, size);
    struct buf body = {0}, out = {0};
    buf_adds(&body, "%PDF-1.4\n");
    while (body.len < (size_t)size)
        buf_addc(&body, (char)('a' + body.len % 26));
    /* the first 1 MiB, then the connection drops half-way through the rest */
    struct curl_slist *hp =
        curl_slist_append(NULL, "Content-Type: application/offset+octet-stream");
    hp = curl_slist_append(hp, "Upload-Offset: 0");
    hp = curl_slist_append(hp, strchr(csrf->data, 'X'));
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, 1L << 20);
    assert_int_equal(fetch(c, "PATCH", url, body.p, hp, &out), 204);
    assert_int_equal(upload_offset(c, url), 1L << 20);
    char req[512];
    int port = (int)server_port(srv);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    struct curl_slist *ck = NULL;
    curl_easy_getinfo(c, CURLINFO_COOKIELIST, &ck);
    const char *cookie = strrchr(ck->data, '\t');
    int n = snprintf(req, sizeof req,
                     "PATCH %s HTTP/1.1\r\nHost: x\r\nCookie: landun_sid=%s\r\n%s\r\n"
                     "Content-Type: application/offset+octet-stream\r\nUpload-Offset: %ld\r\n"
                     "Content-Length: %ld\r\n\r\n",
                     url, cookie + 1, csrf->data, 1L << 20, size - (1L << 20));
    curl_slist_free_all(ck);
    assert_true(write(fd, req, (size_t)n) == n);
    size_t half = (size_t)(size - (1L << 20)) / 2;
    assert_true(write(fd, body.p + (1 << 20), half) == (ssize_t)half);
    usleep(300 * 1000);
    close(fd);
    long kept = -1;
    for (int i = 0; i < 50 && kept <= (1L << 20); i++) { /* the server notices the close */
        usleep(100 * 1000);
        kept = upload_offset(c, url);
    }
    assert_true(kept > (1L << 20) && kept <= (1L << 20) + (long)half);
    /* the rest from where the server says: the whole file, as one object */
    char at[64];
    snprintf(at, sizeof at, "Upload-Offset: %ld", kept);
    struct curl_slist *hr =
        curl_slist_append(NULL, "Content-Type: application/offset+octet-stream");
    hr = curl_slist_append(curl_slist_append(hr, at), strchr(csrf->data, 'X'));
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, size - kept);
    assert_int_equal(fetch(c, "PATCH", url, body.p + kept, hr, &out), 204);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, -1L);
    assert_int_equal(upload_offset(c, url), size);
    struct err e = {0};
    struct blob_result res;
    assert_int_equal(blob_partial_finish(h->blobs, strrchr(url, '/') + 1, &res, &e), 0);
    char want[65];
    sha256_hex(body.p, body.len, want);
    assert_string_equal(res.hex, want);
    curl_slist_free_all(hp);
    curl_slist_free_all(hr);
    curl_slist_free_all(csrf);
    free(url);
    buf_free(&body);
    buf_free(&out);
    curl_easy_cleanup(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keep_alive_reuses_the_connection),
        cmocka_unit_test(test_login_then_api_over_the_socket),
        cmocka_unit_test(test_body_over_the_limit_is_413),
        cmocka_unit_test(test_oversized_headers_are_refused),
        cmocka_unit_test(test_concurrent_clients),
        cmocka_unit_test(test_bad_request_target_does_not_kill_the_server),
        cmocka_unit_test(test_ambiguous_body_length_is_refused),
        cmocka_unit_test(test_public_page_from_memory),
        cmocka_unit_test(test_upload_streams_past_the_body_limit_and_resumes),
    };
    return cmocka_run_group_tests(tests, start, stop);
}
