/* server.c — libmicrohttpd glue: turns each HTTP request into a struct req, gives every pool
 * thread its own database connection, and queues the struct resp the router produced. */
#include "web/server.h"
#include "base/clock.h"
#include "web/web.h"
#include "web/form.h"
#include "web/signer.h"
#include "web/upload.h"
#include "web/public_cache.h"
#include "store/blob.h"
#include "law/holiday.h"
#include "base/calendar.h"
#include "base/log.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct server {
    struct MHD_Daemon *daemon;
    struct server_config cfg;
    struct blob_store *blobs; /* the evidence store, or NULL when none is configured */
    uint16_t port;
    bool settles; /* the settler runs (PostgreSQL: SQLite defers nothing) */
};

/* A pool thread's connection, and the lock the thread holds while it serves a request (the
 * settler takes it when free). Opened at the thread's first request, closed when the server
 * stops. */
struct conn_slot {
    struct db *db;
    pthread_mutex_t use;
};
static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn_slot conns[256];
static int nconns;
static __thread struct conn_slot *thread_slot;

/* How long a connection may keep a finished read transaction open (PostgreSQL sends its COMMIT
 * with the connection's next command: db_settle), and how often the settler looks. */
#define SETTLE_MS 50
static pthread_t settler;
static atomic_bool settler_stop;
static const char *server_db_url;
/* The current calendar, and every one loaded before it (kept until shutdown, because requests
 * that started earlier may still read them). */
static struct calendar *_Atomic calendar;
static struct calendar *retired[64];
static int nretired;
static pthread_mutex_t calendar_lock = PTHREAD_MUTEX_INITIALIZER;
/* The version of the loaded calendar, and when (second) another process's change was last
 * looked for: at most once a second, so a change on one server reaches the others within ~1 s. */
static _Atomic int64_t calendar_version = -1;
static _Atomic int64_t calendar_checked;

const struct calendar *server_calendar(void)
{
    return calendar;
}

int server_calendar_reload(struct db *db, struct err *e)
{
    struct calendar *fresh;
    /* The version first: a change that lands during the load is then seen by the next check. */
    int64_t version = holiday_version(db);
    int rc = holiday_load(db, &fresh, e);
    if (rc) return rc;
    pthread_mutex_lock(&calendar_lock);
    calendar_version = version;
    struct calendar *old = calendar;
    calendar = fresh;
    if (old) {
        if (nretired == (int)countof(retired)) calendar_free(retired[--nretired]);
        retired[nretired++] = old;
    }
    pthread_mutex_unlock(&calendar_lock);
    return 0;
}

/* Reload the calendar when another process changed it (checked at most once a second). */
static void calendar_refresh(struct db *db, int64_t now)
{
    int64_t last = calendar_checked;
    if (!db || now == last || !atomic_compare_exchange_strong(&calendar_checked, &last, now))
        return;
    if (holiday_version(db) == calendar_version) return;
    struct err e = {0};
    if (server_calendar_reload(db, &e)) log_error("calendar reload: %s", e.msg);
}

void server_calendar_free(void)
{
    pthread_mutex_lock(&calendar_lock);
    calendar_free(calendar);
    calendar = NULL;
    for (int i = 0; i < nretired; i++)
        calendar_free(retired[i]);
    nretired = 0;
    pthread_mutex_unlock(&calendar_lock);
}

/* This thread's connection slot, the connection opened on first use; NULL when it cannot be. */
static struct conn_slot *thread_conn(void)
{
    if (thread_slot) return thread_slot;
    struct err e = {0};
    struct db *db;
    if (db_open(server_db_url, &db, &e)) {
        log_error("cannot open database: %s", e.msg);
        return NULL;
    }
    pthread_mutex_lock(&conns_lock);
    if (nconns < (int)countof(conns)) {
        thread_slot = &conns[nconns];
        thread_slot->db = db;
        pthread_mutex_init(&thread_slot->use, NULL);
        nconns++;
    }
    pthread_mutex_unlock(&conns_lock);
    if (!thread_slot) {
        log_error("too many database connections");
        db_close(db);
    }
    return thread_slot;
}

/* The settler: every SETTLE_MS, a connection that is not serving a request sends the COMMIT of
 * a read transaction that has waited that long for the connection's next command. */
static void *settle_loop(void *arg)
{
    (void)arg;
    const struct timespec pause = {0, SETTLE_MS * 1000000L};
    while (!atomic_load(&settler_stop)) {
        nanosleep(&pause, NULL);
        pthread_mutex_lock(&conns_lock);
        int n = nconns;
        pthread_mutex_unlock(&conns_lock);
        for (int i = 0; i < n; i++) {
            if (pthread_mutex_trylock(&conns[i].use) != 0) continue;
            db_settle(conns[i].db, SETTLE_MS);
            pthread_mutex_unlock(&conns[i].use);
        }
    }
    return NULL;
}

/* Per-request state kept between libmicrohttpd's calls. */
struct pending {
    char *target;    /* the raw request target, query string included */
    struct buf body; /* the upload so far */
    bool too_large;  /* the body exceeded the limit: answer 413 */
    bool ambiguous;  /* the body's length is given twice or two ways: answer 400 */
    bool seen;       /* the handler was called once already */
    struct timespec start;
    /* an upload whose body streams into the evidence store (web/upload.h): the request, made
     * at the first call, lives until the answer (allocated for an upload's PATCH only: a struct
     * req is large, and every other request makes its own on the stack) */
    struct upload_stream *stream;
    struct streamed *s;
};

/* The request of a streamed upload, kept across its calls. */
struct streamed {
    struct arena arena;
    struct req r;
    struct resp w;
    bool refused; /* the stream was refused before its body: answer w */
};

/* Free what a streamed request held, and the streamed request. */
static void streamed_free(struct pending *p)
{
    if (!p->s) return;
    resp_free(&p->s->w);
    json_decref(p->s->r.json);
    arena_free(&p->s->arena);
    free(p->s);
    p->s = NULL;
}

/* Counts the headers that frame the body (MHD_get_connection_values callback). */
static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind, (void)value;
    if (strcasecmp(key, "Content-Length") == 0 || strcasecmp(key, "Transfer-Encoding") == 0)
        (*(int *)cls)++;
    return MHD_YES;
}

/* True when the request says its body's length more than once (two Content-Length headers, or
 * one with Transfer-Encoding): a proxy and this server could read two different requests from
 * it (request smuggling). */
static bool framing_ambiguous(struct MHD_Connection *c)
{
    int n = 0;
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &n);
    return n > 1;
}

static const char *header(struct MHD_Connection *c, struct arena *a, const char *name)
{
    const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
    return v ? arena_strdup(a, v) : NULL;
}

static const char *client_ip(struct MHD_Connection *c, struct arena *a)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char s[INET6_ADDRSTRLEN] = "";
    if (ci && ci->client_addr) {
        if (ci->client_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((struct sockaddr_in *)ci->client_addr)->sin_addr, s, sizeof s);
        else if (ci->client_addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)ci->client_addr)->sin6_addr, s, sizeof s);
    }
    return arena_strdup(a, s);
}

static bool valid_ip(const char *s)
{
    unsigned char addr[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, s, addr) == 1 || inet_pton(AF_INET6, s, addr) == 1;
}

/* Fill r from the connection; returns 0 or an error code for a malformed request. */
static int build_request(const struct server *srv, struct MHD_Connection *conn, const char *method,
                         struct pending *p, struct req *r)
{
    r->method = arena_strdup(r->arena, method);
    r->content_type = header(conn, r->arena, "Content-Type");
    r->cookie = header(conn, r->arena, "Cookie");
    r->authorization = header(conn, r->arena, "Authorization");
    r->csrf_header = header(conn, r->arena, "X-CSRF-Token");
    r->if_none_match = header(conn, r->arena, "If-None-Match");
    r->if_modified_since = header(conn, r->arena, "If-Modified-Since");
    r->range = header(conn, r->arena, "Range");
    r->upload_offset = header(conn, r->arena, "Upload-Offset");
    r->upload_length = header(conn, r->arena, "Upload-Length");
    r->upload_metadata = header(conn, r->arena, "Upload-Metadata");
    r->ip = client_ip(conn, r->arena);
    if (srv->cfg.trusted_proxy && strcmp(r->ip, srv->cfg.trusted_proxy) == 0) {
        /* Behind our reverse proxy: the client is the address it saw (login limits count per
         * client address, not per proxy). */
        const char *real = header(conn, r->arena, "X-Real-IP");
        if (real && valid_ip(real)) r->ip = real;
        /* and whether the client spoke TLS to it (the session cookie is then Secure) */
        const char *proto = header(conn, r->arena, "X-Forwarded-Proto");
        r->https = proto && strcmp(proto, "https") == 0;
    }
    int rc = web_parse_target(r, p->target ? p->target : "/");
    return rc ? rc : web_parse_body(r, p->body.p, p->body.len);
}

static void add_headers(struct MHD_Response *res, const struct resp *w)
{
    if (w->content_type) MHD_add_response_header(res, "Content-Type", w->content_type);
    for (int i = 0; i < w->nheaders; i++)
        MHD_add_response_header(res, w->headers[i].name, w->headers[i].value);
}

/* A 200 answer of the public cache: its response is made once, its body copied (the entry may go
 * while a connection still sends it), and sent again as it is — no body copied, no header added
 * per request — for as long as the entry lives. */
static struct MHD_Response *kept_response(struct resp *w)
{
    struct MHD_Response *res = public_cache_native(w->kept);
    if (res) return res;
    res =
        MHD_create_response_from_buffer(w->file->len, (void *)w->file->data, MHD_RESPMEM_MUST_COPY);
    add_headers(res, w);
    return public_cache_set_native(w->kept, res);
}

static void native_free(void *res)
{
    MHD_destroy_response(res);
}

static struct MHD_Response *make_response(struct resp *w, const char *method)
{
    struct MHD_Response *res;
    if (w->kept && w->file && (w->status == 0 || w->status == 200)) return kept_response(w);
    if (w->fd_len > 0) {
        /* a file on disk (a recording): libmicrohttpd sends it in pieces and closes fd */
        res = MHD_create_response_from_fd_at_offset64((uint64_t)w->fd_len, w->fd,
                                                      (uint64_t)w->fd_offset);
        w->fd_len = 0;
    } else if (w->file)
        res = MHD_create_response_from_buffer(w->file->len, (void *)w->file->data,
                                              MHD_RESPMEM_PERSISTENT);
    else {
        size_t len = w->body.len;
        res = MHD_create_response_from_buffer(len, buf_steal(&w->body), MHD_RESPMEM_MUST_FREE);
    }
    (void)method;
    add_headers(res, w);
    return res;
}

static void log_request(struct req *r, struct resp *w, const char *url, struct pending *p,
                        size_t bytes)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - p->start.tv_sec) * 1e3 +
                (double)(now.tv_nsec - p->start.tv_nsec) / 1e6;
    log_info("%s %s %d %zuB %.1fms %s %s", r->method ? r->method : "-", url,
             w->status ? w->status : 200, bytes, ms, r->who.username ? r->who.username : "-",
             r->ip ? r->ip : "-");
}

/* Queue w for r and log it. */
static enum MHD_Result respond(struct server *srv, struct MHD_Connection *conn, const char *url,
                               const char *method, struct pending *p, struct req *r, struct resp *w)
{
    size_t bytes = w->fd_len > 0 ? (size_t)w->fd_len : w->file ? w->file->len : w->body.len;
    struct MHD_Response *res = make_response(w, method);
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)(w->status ? w->status : 200), res);
    if (!w->kept || res != public_cache_native(w->kept)) MHD_destroy_response(res);
    if (!srv->cfg.quiet) log_request(r, w, url, p, bytes);
    return ok;
}

/* Set up r for a request of this thread: its arena, connection (locked: unlock with
 * release_conn) and clock. */
static struct conn_slot *begin_request(struct server *srv, struct req *r, struct arena *arena)
{
    struct conn_slot *slot = thread_conn();
    struct db *db = slot ? slot->db : NULL;
    if (slot) pthread_mutex_lock(&slot->use);
    int64_t now = clock_now();
    calendar_refresh(db, now);
    r->arena = arena;
    r->ctx = (struct ctx){.db = db,
                          .arena = arena,
                          .who = &r->who,
                          .now = now,
                          .cal = server_calendar(),
                          .blobs = srv->blobs};
    return slot;
}

static void release_conn(struct conn_slot *slot)
{
    if (slot) pthread_mutex_unlock(&slot->use);
}

/* At the first call: when the request is an upload whose body streams (web/upload.h), admit it
 * before its body is read. True when the request streams or was refused (p->s->refused). */
static bool stream_begin(struct server *srv, struct MHD_Connection *conn, const char *method,
                         struct pending *p)
{
    p->s = xcalloc(1, sizeof *p->s);
    struct req *r = &p->s->r;
    struct conn_slot *slot = begin_request(srv, r, &p->s->arena);
    int rc = slot ? build_request(srv, conn, method, p, r) : -1;
    int admitted =
        !rc && web_upload_streams(r) ? web_upload_stream_open(r, &p->s->w, &p->stream) : 0;
    release_conn(slot);
    if (admitted == 0) { /* an ordinary request: read its body and answer as usual */
        streamed_free(p);
        return false;
    }
    p->s->refused = admitted < 0;
    return true;
}

/* Answer the streamed request p, then free what it held. */
static enum MHD_Result stream_answer(struct server *srv, struct MHD_Connection *conn,
                                     const char *url, const char *method, struct pending *p)
{
    if (p->stream) web_upload_stream_close(p->stream, &p->s->r, &p->s->w);
    p->stream = NULL;
    enum MHD_Result ok = respond(srv, conn, url, method, p, &p->s->r, &p->s->w);
    streamed_free(p);
    return ok;
}

/* An anonymous GET or HEAD of the public site answered from memory (web/public_cache.h) before
 * a database connection is taken or the calendar looked at: true, and r and w hold the answer;
 * false, and r and w are as they were (empty). Not when the audit chain's head is due to be read
 * (that takes the connection). */
static bool from_memory(struct server *srv, struct MHD_Connection *conn, const char *method,
                        struct pending *p, struct req *r, struct resp *w, struct arena *arena)
{
    if ((strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) || p->body.len ||
        p->ambiguous || p->too_large || !p->target ||
        (!str_prefix(p->target, "/public") && !str_prefix(p->target, "/api/v1/public")) ||
        public_cache_poll_due())
        return false;
    r->arena = arena;
    r->ctx = (struct ctx){.arena = arena, .who = &r->who, .now = clock_now()};
    struct public_ticket t;
    if (!build_request(srv, conn, method, p, r) && public_cache_lookup(r, w, &t)) return true;
    resp_free(w);
    json_decref(r->json);
    arena_free(arena);
    memset(r, 0, sizeof *r);
    memset(w, 0, sizeof *w);
    return false;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version;
    struct server *srv = cls;
    struct pending *p = *con_cls;
    if (!p->seen) { /* first call: headers only; answer on the second */
        p->seen = true;
        p->ambiguous = framing_ambiguous(conn);
        /* only an upload's PATCH may stream: other requests skip the admission's work */
        bool streams = strcmp(method, "PATCH") == 0 && p->target &&
                       strncmp(p->target, "/api/v1/uploads/", 16) == 0;
        if (streams && !p->ambiguous && stream_begin(srv, conn, method, p) && p->s->refused)
            return stream_answer(srv, conn, url, method, p); /* refused before its body */
        return MHD_YES;
    }
    if (p->stream) { /* an upload: each piece goes to the store as it comes */
        if (*upload_size) {
            web_upload_stream_write(p->stream, upload, *upload_size);
            *upload_size = 0;
            return MHD_YES;
        }
        return stream_answer(srv, conn, url, method, p);
    }
    if (*upload_size) {
        if (p->ambiguous || p->body.len + *upload_size > srv->cfg.max_body)
            p->too_large = true;
        else
            buf_add(&p->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    struct arena arena = {0};
    struct req r = {0};
    struct resp w = {0};
    if (from_memory(srv, conn, method, p, &r, &w, &arena)) {
        enum MHD_Result ok = respond(srv, conn, url, method, p, &r, &w);
        resp_free(&w);
        arena_free(&arena);
        return ok;
    }
    struct conn_slot *slot = begin_request(srv, &r, &arena);
    int rc = p->ambiguous ? err_set(&r.err, ERR_BADREQ, "请求的正文长度声明重复或相互矛盾")
             : p->too_large ? ERR_TOOLARGE
                            : 0;
    if (!rc) rc = build_request(srv, conn, method, p, &r);
    if (!r.ctx.db) rc = err_set(&r.err, ERR_INTERNAL, "数据库不可用");
    if (rc) {
        /* Answer through the router's error rendering with a matching route-less request, in
         * the face (API or page) its address asks for. */
        if (!r.method) r.method = method;
        if (!r.path) {
            struct err kept = r.err;
            if (web_parse_target(&r, p->target ? p->target : url)) r.path = url;
            r.err = kept;
        }
        web_error(&r, &w, rc);
    } else {
        web_handle(&r, &w);
    }
    release_conn(slot);
    enum MHD_Result ok = respond(srv, conn, url, method, p, &r, &w);
    resp_free(&w);
    json_decref(r.json);
    arena_free(&arena);
    return ok;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    struct pending *p = *con_cls;
    if (!p) return;
    if (p->stream) web_upload_stream_abort(p->stream); /* ended mid-upload: keep what arrived */
    streamed_free(p);
    buf_free(&p->body);
    free(p->target);
    free(p);
    *con_cls = NULL;
}

/* Called by libmicrohttpd with the full request target before anything else; what it returns
 * becomes the request's con_cls. */
static void *log_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls, (void)c;
    struct pending *p = xcalloc(1, sizeof *p);
    p->target = xstrdup(uri ? uri : "/");
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    return p;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, struct err *e)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    int64_t port;
    if (!colon || (size_t)(colon - listen) >= sizeof host || parse_i64(colon + 1, &port) ||
        port < 0 || port > 65535)
        return err_set(e, ERR_INVALID, "监听地址应为 地址:端口，如 127.0.0.1:8080");
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = 0;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, *host ? host : "0.0.0.0", &sa->sin_addr) != 1)
        return err_set(e, ERR_INVALID, "无效的监听地址：%s", host);
    return 0;
}

int server_start(const struct server_config *cfg, struct server **out, struct err *e)
{
    struct sockaddr_in sa;
    if (parse_listen(cfg->listen, &sa, e)) return e->code;
    struct db *db;
    int rc = db_open(cfg->db_url, &db, e);
    if (rc) return rc;
    rc = server_calendar_reload(db, e);
    bool settles = db_kind(db) == DB_POSTGRES;
    db_close(db);
    if (rc) return rc;
    if ((rc = web_setup(e))) return rc;
    public_cache_native_free(native_free);
    public_cache_configure(&(struct public_cache_config){(size_t)cfg->public_cache_mb << 20,
                                                         cfg->public_cache_poll_ms});
    if (cfg->audit_key && (rc = signer_start(cfg->db_url, cfg->audit_key, e))) return rc;
    struct blob_store *blobs = NULL;
    if (cfg->evidence_dir && (rc = blob_open(cfg->evidence_dir, &blobs, e))) {
        signer_stop();
        return rc;
    }
    struct server *s = xcalloc(1, sizeof *s);
    s->cfg = *cfg;
    s->blobs = blobs;
    server_db_url = cfg->db_url;
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, answer,
        s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
        threads ? threads : 2u, MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout ? cfg->timeout : 30u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024, MHD_OPTION_CONNECTION_LIMIT, 1000u,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, 200u, MHD_OPTION_NOTIFY_COMPLETED, completed, s,
        MHD_OPTION_URI_LOG_CALLBACK, log_uri, s, MHD_OPTION_END);
    if (!s->daemon) {
        signer_stop();
        blob_close(s->blobs);
        free(s);
        return err_set(e, ERR_INTERNAL, "无法在 %s 上监听（端口被占用？）", cfg->listen);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : ntohs(sa.sin_port);
    atomic_store(&settler_stop, false);
    if (settles && pthread_create(&settler, NULL, settle_loop, NULL) != 0) {
        MHD_stop_daemon(s->daemon);
        signer_stop();
        blob_close(s->blobs);
        free(s);
        return err_set(e, ERR_INTERNAL, "无法启动数据库事务清理线程");
    }
    s->settles = settles;
    *out = s;
    return 0;
}

uint16_t server_port(const struct server *s)
{
    return s->port;
}

void server_stop(struct server *s)
{
    if (!s) return;
    MHD_stop_daemon(s->daemon); /* waits for the pool threads, so in-flight requests finish */
    signer_stop();
    if (s->settles) {
        atomic_store(&settler_stop, true);
        pthread_join(settler, NULL);
    }
    pthread_mutex_lock(&conns_lock);
    for (int i = 0; i < nconns; i++) {
        db_close(conns[i].db);
        pthread_mutex_destroy(&conns[i].use);
    }
    nconns = 0;
    pthread_mutex_unlock(&conns_lock);
    web_teardown();
    server_calendar_free();
    blob_close(s->blobs);
    free(s);
}
