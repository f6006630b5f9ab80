/* test_socket.c — the real server on a loopback socket, driven with libcurl: keep-alive, limits,
 * a login round trip, concurrent clients, and a clean stop. */
#include "tests/support.h"
#include "web/server.h"

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
    struct server_config cfg = {.db_url = h->url,
                                .listen = "127.0.0.1:0",
                                .threads = 4,
                                .max_body = 64 * 1024,
                                .timeout = 10,
                                .quiet = true};
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
    };
    return cmocka_run_group_tests(tests, start, stop);
}
