/* public_cache.c — the public site's answers kept in memory (web/public_cache.h): a hash table of
 * entries on a least-recently-used list, bounded in bytes, under one lock; and the generation
 * that says whether an entry still shows what the database holds. */
#include "web/public_cache.h"
#include "base/crypto.h"
#include "base/date.h"
#include "base/log.h"
#include "law/audit.h"
#include "law/role.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct entry {
    struct entry *next;          /* in its bucket */
    struct entry *newer, *older; /* on the LRU list */
    uint64_t hash;
    char *key;
    char *body;
    size_t len;
    char *content_type;
    char *headers; /* the handler's and router's headers: name\0value\0 … */
    int nheaders;
    char etag[35];
    int64_t last_modified;
    uint64_t gen;
    int32_t day;
    size_t bytes; /* what it counts against the limit */
};

#define NBUCKETS 8192

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry *buckets[NBUCKETS];
static struct entry *newest, *oldest;
static size_t nentries, nbytes;
static size_t max_bytes; /* 0: nothing is kept */
static _Atomic int poll_ms = PUBLIC_CACHE_POLL_MS;
static uint64_t hits, misses;

/* The generation (under lock): moved on by every change seen, and when it was first seen. */
static uint64_t gen = 1;
static int64_t gen_since;
/* What was last seen of the changes: this process's audit rows, the chain's head in the
 * database, and when (monotonic milliseconds) the head was last read. */
static _Atomic uint64_t seen_writes;
static _Atomic int64_t seen_head = -1;
static _Atomic int64_t polled_at = -1;

static uint64_t key_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void unlink_lru(struct entry *e)
{
    if (e->newer)
        e->newer->older = e->older;
    else
        newest = e->older;
    if (e->older)
        e->older->newer = e->newer;
    else
        oldest = e->newer;
    e->newer = e->older = NULL;
}

static void push_newest(struct entry *e)
{
    e->older = newest;
    e->newer = NULL;
    if (newest) newest->newer = e;
    newest = e;
    if (!oldest) oldest = e;
}

static struct entry **slot_of(uint64_t hash, const char *key)
{
    struct entry **p = &buckets[hash % NBUCKETS];
    while (*p && ((*p)->hash != hash || strcmp((*p)->key, key) != 0))
        p = &(*p)->next;
    return p;
}

static void drop(struct entry *e)
{
    struct entry **p = slot_of(e->hash, e->key);
    *p = e->next;
    unlink_lru(e);
    nentries--;
    nbytes -= e->bytes;
    free(e->key);
    free(e->body);
    free(e->content_type);
    free(e->headers);
    free(e);
}

void public_cache_clear(void)
{
    pthread_mutex_lock(&lock);
    while (oldest)
        drop(oldest);
    gen++;
    gen_since = 0;
    hits = misses = 0;
    atomic_store(&seen_head, -1);
    atomic_store(&polled_at, -1);
    atomic_store(&seen_writes, audit_writes());
    pthread_mutex_unlock(&lock);
}

void public_cache_configure(const struct public_cache_config *cfg)
{
    public_cache_clear();
    pthread_mutex_lock(&lock);
    max_bytes = cfg->max_bytes;
    atomic_store(&poll_ms, cfg->poll_ms < 0 ? 0 : cfg->poll_ms);
    pthread_mutex_unlock(&lock);
}

void public_cache_stats(struct public_cache_stats *out)
{
    pthread_mutex_lock(&lock);
    *out = (struct public_cache_stats){nentries, nbytes, hits, misses, gen};
    pthread_mutex_unlock(&lock);
}

/* ---- the generation ----------------------------------------------------------------------- */

static void bump(int64_t now)
{
    pthread_mutex_lock(&lock);
    gen++;
    gen_since = now;
    pthread_mutex_unlock(&lock);
}

static int64_t monotonic_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Read the audit chain's head when the interval has passed (one thread does), and move the
 * generation on when another process appended to it. Outside any transaction of the request, so
 * the read sees every change committed before it. */
static void poll_head(struct ctx *c)
{
    int interval = atomic_load(&poll_ms);
    int64_t now = monotonic_ms(), last = atomic_load(&polled_at);
    if (!c->db || (interval > 0 && last >= 0 && now - last < interval)) return;
    if (interval > 0 && !atomic_compare_exchange_strong(&polled_at, &last, now)) return;
    if (interval == 0) atomic_store(&polled_at, now);
    struct err e = {0};
    int64_t head = -1;
    if (db_get_int(c->db, &e, &head, "SELECT last_id FROM audit_head WHERE one = 1", "")) {
        bump(c->now); /* cannot tell: take it as changed */
        return;
    }
    if (atomic_exchange(&seen_head, head) != head) bump(c->now);
}

/* [R-PUB-50] an answer kept for the public is used only under the generation and on the day it
 * was made: this process's changes move the generation at once, another process's within the
 * interval of reading the audit chain's head. */
static void take_generation(struct req *r, struct public_ticket *t)
{
    uint64_t writes = audit_writes();
    if (atomic_exchange(&seen_writes, writes) != writes) bump(r->ctx.now);
    poll_head(&r->ctx);
    pthread_mutex_lock(&lock);
    if (!gen_since) gen_since = r->ctx.now;
    t->gen = gen;
    t->since = gen_since;
    pthread_mutex_unlock(&lock);
    t->writes = writes;
    t->day = (int32_t)date_from_instant(r->ctx.now);
}

/* ---- lookup and keeping ------------------------------------------------------------------- */

/* [R-PUB-51] only requests without a session or token share answers. */
static bool anonymous(const struct req *r)
{
    if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) return false;
    if (r->authorization) return false;
    return !r->cookie || !strstr(r->cookie, SESSION_COOKIE "=");
}

static void public_headers(struct resp *w)
{
    resp_header(w, "Vary", "Cookie");
}

bool public_cache_lookup(struct req *r, struct resp *w, struct public_ticket *t)
{
    memset(t, 0, sizeof *t);
    t->anonymous = anonymous(r);
    if (!t->anonymous) {
        t->writes = audit_writes();
        return false;
    }
    take_generation(r, t);
    t->key = arena_printf(r->arena, "%c%s?%s", r->api ? 'J' : 'H', r->path,
                          r->query_string ? r->query_string : "");
    uint64_t h = key_hash(t->key);
    pthread_mutex_lock(&lock);
    struct entry *e = max_bytes ? *slot_of(h, t->key) : NULL;
    if (!e || e->gen != t->gen || e->day != t->day) {
        misses++;
        pthread_mutex_unlock(&lock);
        return false;
    }
    hits++;
    unlink_lru(e);
    push_newest(e);
    w->content_type = arena_strdup(r->arena, e->content_type);
    const char *p = e->headers;
    for (int i = 0; i < e->nheaders; i++, p += strlen(p) + 1) {
        const char *name = arena_strdup(r->arena, p);
        p += strlen(p) + 1;
        resp_header(w, name, arena_strdup(r->arena, p));
    }
    char etag[35];
    memcpy(etag, e->etag, sizeof etag);
    int64_t lm = e->last_modified;
    if (!http_validators(r, w, arena_strdup(r->arena, etag), lm, "public, no-cache"))
        buf_add(&w->body, e->body, e->len);
    pthread_mutex_unlock(&lock);
    public_headers(w);
    return true;
}

static bool has_header(const struct resp *w, const char *name)
{
    for (int i = 0; i < w->nheaders; i++)
        if (strcasecmp(w->headers[i].name, name) == 0) return true;
    return false;
}

/* w's headers as name\0value\0 …: *n of them, their size in *len. */
static char *pack_headers(const struct resp *w, int *n, size_t *len)
{
    struct buf b = {0};
    for (int i = 0; i < w->nheaders; i++) {
        buf_add(&b, w->headers[i].name, strlen(w->headers[i].name) + 1);
        buf_add(&b, w->headers[i].value, strlen(w->headers[i].value) + 1);
    }
    *n = w->nheaders;
    *len = b.len;
    return b.p ? buf_steal(&b) : xstrdup("");
}

/* Keep w's body under t (the lock held): replacing the entry of the same address, whose
 * Last-Modified stays when the body is the same. Returns the Last-Modified to send. */
static int64_t keep(const struct public_ticket *t, const struct resp *w, const char *etag)
{
    uint64_t h = key_hash(t->key);
    size_t klen = strlen(t->key);
    size_t bytes = sizeof(struct entry) + klen + 1 + w->body.len + strlen(w->content_type) + 1;
    int64_t lm = t->since;
    struct entry *old = *slot_of(h, t->key);
    if (old && strcmp(old->etag, etag) == 0 && old->last_modified < lm) lm = old->last_modified;
    if (old) drop(old);
    int nheaders;
    size_t hlen;
    if (!max_bytes || bytes > max_bytes / 8) return lm; /* one page may not take the cache */
    char *headers = pack_headers(w, &nheaders, &hlen);
    bytes += hlen;
    while (oldest && nbytes + bytes > max_bytes)
        drop(oldest);
    struct entry *e = xcalloc(1, sizeof *e);
    e->headers = headers;
    e->nheaders = nheaders;
    e->hash = h;
    e->key = xstrdup(t->key);
    e->body = xmalloc(w->body.len ? w->body.len : 1);
    memcpy(e->body, w->body.p, w->body.len);
    e->len = w->body.len;
    e->content_type = xstrdup(w->content_type);
    memcpy(e->etag, etag, sizeof e->etag);
    e->last_modified = lm;
    e->gen = t->gen;
    e->day = t->day;
    e->bytes = bytes;
    struct entry **slot = &buckets[h % NBUCKETS];
    e->next = *slot;
    *slot = e;
    push_newest(e);
    nentries++;
    nbytes += bytes;
    return lm;
}

void public_cache_finish(struct req *r, struct resp *w, const struct public_ticket *t)
{
    /* this request's changes, now committed: what was kept before may show the old state */
    if (audit_writes() != t->writes) bump(r->ctx.now);
    const struct route *rt = r->route;
    bool public = rt && rt->perm == PERM_PUBLIC && (w->status == 0 || w->status == 200);
    if (!public || has_header(w, "Cache-Control") || has_header(w, "Set-Cookie")) return;
    if (!t->anonymous) { /* a logged-in visitor's page: never for shared caches */
        resp_header(w, "Cache-Control", "private, no-cache");
        return;
    }
    if (w->file || w->fd_len > 0 || !w->content_type || !t->key) return;
    /* [R-PUB-52] validators on every anonymous public answer, kept or not */
    char etag[35];
    http_etag(w->body.p, w->body.len, etag);
    pthread_mutex_lock(&lock);
    int64_t lm = keep(t, w, etag);
    pthread_mutex_unlock(&lock);
    http_validators(r, w, arena_strdup(r->arena, etag), lm, "public, no-cache");
    public_headers(w);
}

/* ---- validators --------------------------------------------------------------------------- */

void http_etag(const void *body, size_t len, char out[35])
{
    char hash[65];
    sha256_hex(body, len, hash);
    snprintf(out, 35, "\"%.32s\"", hash);
}

static const char *const wdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void http_date(int64_t t, char out[30])
{
    time_t s = (time_t)t;
    struct tm tm;
    gmtime_r(&s, &tm);
    snprintf(out, 30, "%s, %02d %s %04d %02d:%02d:%02d GMT", wdays[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int64_t http_date_parse(const char *s)
{
    char wday[4], mon[4];
    struct tm tm = {0};
    int n = 0;
    if (!s ||
        sscanf(s, "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d GMT%n", wday, &tm.tm_mday, mon,
               &tm.tm_year, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 7 ||
        n == 0 || s[n] != 0)
        return -1;
    tm.tm_mon = -1;
    for (int i = 0; i < 12; i++)
        if (strcmp(mon, months[i]) == 0) tm.tm_mon = i;
    if (tm.tm_mon < 0 || tm.tm_year < 1970) return -1;
    tm.tm_year -= 1900;
    return (int64_t)timegm(&tm);
}

/* True when the If-None-Match list names etag (weak comparison: W/ is ignored), or is "*". */
static bool etag_listed(const char *list, const char *etag)
{
    size_t n = strlen(etag);
    for (const char *p = list; *p;) {
        p += strspn(p, " \t,");
        if (*p == '*') return true;
        if (strncmp(p, "W/", 2) == 0) p += 2;
        if (strncmp(p, etag, n) == 0 && (p[n] == 0 || p[n] == ',' || p[n] == ' ')) return true;
        p += strcspn(p, ",");
    }
    return false;
}

bool http_validators(struct req *r, struct resp *w, const char *etag, int64_t last_modified,
                     const char *cache_control)
{
    resp_header(w, "ETag", etag);
    if (last_modified > 0) {
        char d[30];
        http_date(last_modified, d);
        resp_header(w, "Last-Modified", arena_strdup(r->arena, d));
    }
    resp_header(w, "Cache-Control", cache_control);
    bool fresh;
    if (r->if_none_match) { /* when both are sent, the ETag decides (RFC 9110 13.2.2) */
        fresh = etag_listed(r->if_none_match, etag);
    } else {
        int64_t since = http_date_parse(r->if_modified_since);
        fresh = last_modified > 0 && since >= last_modified;
    }
    if (!fresh) return false;
    w->status = 304;
    w->file = NULL;
    buf_reset(&w->body);
    return true;
}
