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

struct public_entry {
    struct public_entry *next;          /* in its bucket */
    struct public_entry *newer, *older; /* on the LRU list */
    uint64_t hash;
    char *key;
    struct embed_file file; /* the body (file.data, owned), as a response sends it */
    char *content_type;
    char *strings;                      /* the headers' names and values: name\0value\0 … */
    struct header headers[MAX_HEADERS]; /* into strings, and the validators below */
    int nheaders;
    char last_modified_text[30];
    int64_t last_modified;
    uint64_t gen;
    int32_t day;
    size_t bytes; /* what it counts against the limit */
    int refs;     /* responses that send it (under lock) */
    bool dropped; /* out of the table: freed when the last response lets go */
    void *native; /* the server's ready response, made at its first use (native_free frees) */
};

#define NBUCKETS 8192

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct public_entry *buckets[NBUCKETS];
static struct public_entry *newest, *oldest;
static size_t nentries, nbytes;
static size_t max_bytes; /* 0: nothing is kept */
static _Atomic int poll_ms = PUBLIC_CACHE_POLL_MS;
static uint64_t hits, misses;
static void (*native_free)(void *);

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

static void unlink_lru(struct public_entry *e)
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

static void push_newest(struct public_entry *e)
{
    e->older = newest;
    e->newer = NULL;
    if (newest) newest->newer = e;
    newest = e;
    if (!oldest) oldest = e;
}

static struct public_entry **slot_of(uint64_t hash, const char *key)
{
    struct public_entry **p = &buckets[hash % NBUCKETS];
    while (*p && ((*p)->hash != hash || strcmp((*p)->key, key) != 0))
        p = &(*p)->next;
    return p;
}

static void entry_free(struct public_entry *e)
{
    if (e->native && native_free) native_free(e->native);
    free(e->key);
    free((char *)e->file.data);
    free(e->content_type);
    free(e->strings);
    free(e);
}

/* Out of the table and the limit's count; freed now, or by the last response that sends it. */
static void drop(struct public_entry *e)
{
    struct public_entry **p = slot_of(e->hash, e->key);
    *p = e->next;
    unlink_lru(e);
    nentries--;
    nbytes -= e->bytes;
    e->dropped = true;
    if (!e->refs) entry_free(e);
}

void public_cache_release(struct public_entry *e)
{
    pthread_mutex_lock(&lock);
    bool last = --e->refs == 0 && e->dropped;
    pthread_mutex_unlock(&lock);
    if (last) entry_free(e);
}

void *public_cache_native(struct public_entry *e)
{
    pthread_mutex_lock(&lock);
    void *n = e->native;
    pthread_mutex_unlock(&lock);
    return n;
}

void *public_cache_set_native(struct public_entry *e, void *native)
{
    pthread_mutex_lock(&lock);
    void *kept = e->native ? e->native : (e->native = native);
    pthread_mutex_unlock(&lock);
    if (kept != native && native_free) native_free(native); /* another thread was first */
    return kept;
}

void public_cache_native_free(void (*fn)(void *))
{
    native_free = fn;
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

static bool not_modified(const struct req *r, const char *etag, int64_t last_modified);

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
    if (audit_head_id(c->db, &head, &e)) {
        bump(c->now); /* cannot tell: take it as changed */
        return;
    }
    if (atomic_exchange(&seen_head, head) != head) bump(c->now);
}

bool public_cache_poll_due(void)
{
    int interval = atomic_load(&poll_ms);
    int64_t last = atomic_load(&polled_at);
    return interval <= 0 || last < 0 || monotonic_ms() - last >= interval;
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
    struct public_entry *e = max_bytes ? *slot_of(h, t->key) : NULL;
    if (!e || e->gen != t->gen || e->day != t->day) {
        misses++;
        pthread_mutex_unlock(&lock);
        return false;
    }
    hits++;
    unlink_lru(e);
    push_newest(e);
    e->refs++;
    pthread_mutex_unlock(&lock);
    /* the entry's own strings and body, held until resp_free lets go of it */
    w->kept = e;
    w->content_type = e->content_type;
    memcpy(w->headers, e->headers, (size_t)e->nheaders * sizeof *w->headers);
    w->nheaders = e->nheaders;
    w->file = &e->file;
    if (not_modified(r, e->file.etag, e->last_modified)) {
        w->status = 304;
        w->file = NULL;
    }
    return true;
}

static bool has_header(const struct resp *w, const char *name)
{
    for (int i = 0; i < w->nheaders; i++)
        if (strcasecmp(w->headers[i].name, name) == 0) return true;
    return false;
}

/* e's headers: w's (the router's and the handler's), then the validators and Vary; their
 * strings copied into e->strings. Returns their bytes. */
static size_t entry_headers(struct public_entry *e, const struct resp *w)
{
    struct buf b = {0};
    int n = 0;
    for (int i = 0; i < w->nheaders && n < MAX_HEADERS - 4; i++, n++) {
        buf_add(&b, w->headers[i].name, strlen(w->headers[i].name) + 1);
        buf_add(&b, w->headers[i].value, strlen(w->headers[i].value) + 1);
    }
    e->strings = b.p ? buf_steal(&b) : xstrdup("");
    const char *p = e->strings;
    for (int i = 0; i < n; i++) {
        e->headers[i].name = p;
        p += strlen(p) + 1;
        e->headers[i].value = p;
        p += strlen(p) + 1;
    }
    http_date(e->last_modified, e->last_modified_text);
    e->headers[n++] = (struct header){"ETag", e->file.etag};
    e->headers[n++] = (struct header){"Last-Modified", e->last_modified_text};
    e->headers[n++] = (struct header){"Cache-Control", PUBLIC_CACHE_CONTROL};
    e->headers[n++] = (struct header){"Vary", "Cookie"};
    e->nheaders = n;
    return (size_t)(p - e->strings);
}

/* Keep w's body under t (the lock held): replacing the entry of the same address, whose
 * Last-Modified stays when the body is the same. Returns the Last-Modified to send. */
static int64_t keep(const struct public_ticket *t, const struct resp *w, const char *etag)
{
    uint64_t h = key_hash(t->key);
    size_t bytes = sizeof(struct public_entry) + strlen(t->key) + 1 + w->body.len +
                   strlen(w->content_type) + 1;
    int64_t lm = t->since;
    struct public_entry *old = *slot_of(h, t->key);
    if (old && strcmp(old->file.etag, etag) == 0 && old->last_modified < lm)
        lm = old->last_modified;
    if (old) drop(old);
    if (!max_bytes || bytes > max_bytes / 8) return lm; /* one page may not take the cache */
    struct public_entry *e = xcalloc(1, sizeof *e);
    e->hash = h;
    e->key = xstrdup(t->key);
    char *body = xmalloc(w->body.len ? w->body.len : 1);
    memcpy(body, w->body.p, w->body.len);
    e->file = (struct embed_file){.name = e->key, .data = body, .len = w->body.len};
    memcpy(e->file.etag, etag, sizeof e->file.etag);
    e->content_type = xstrdup(w->content_type);
    e->last_modified = lm;
    e->gen = t->gen;
    e->day = t->day;
    e->bytes = bytes + entry_headers(e, w);
    while (oldest && nbytes + e->bytes > max_bytes)
        drop(oldest);
    struct public_entry **slot = &buckets[h % NBUCKETS];
    e->next = *slot;
    *slot = e;
    push_newest(e);
    nentries++;
    nbytes += e->bytes;
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
    char etag[sizeof w->file->etag];
    http_etag(w->body.p, w->body.len, etag);
    pthread_mutex_lock(&lock);
    int64_t lm = keep(t, w, etag);
    pthread_mutex_unlock(&lock);
    http_validators(r, w, arena_strdup(r->arena, etag), lm, PUBLIC_CACHE_CONTROL);
    resp_header(w, "Vary", "Cookie");
}

/* ---- validators --------------------------------------------------------------------------- */

void http_etag(const void *body, size_t len, char out[HTTP_ETAG_SIZE])
{
    char hash[65];
    sha256_hex(body, len, hash);
    snprintf(out, HTTP_ETAG_SIZE, "\"%.*s\"", (int)HTTP_ETAG_SIZE - 3, hash);
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

/* True when the request's validators match: its If-None-Match names etag, or, without one, its
 * If-Modified-Since is not before last_modified. */
static bool not_modified(const struct req *r, const char *etag, int64_t last_modified)
{
    if (r->if_none_match) /* when both are sent, the ETag decides (RFC 9110 13.2.2) */
        return etag_listed(r->if_none_match, etag);
    int64_t since = http_date_parse(r->if_modified_since);
    return last_modified > 0 && since >= last_modified;
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
    if (!not_modified(r, etag, last_modified)) return false;
    w->status = 304;
    w->file = NULL;
    buf_reset(&w->body);
    return true;
}
