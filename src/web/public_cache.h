/* public_cache.h — the public site's answers kept in memory, and the HTTP validators of every
 * public answer (docs/public-site.md).
 *
 * An anonymous GET or HEAD of a route open to the public (PERM_PUBLIC) is answered from memory
 * when the same address (face, path and query string) was answered 200 before, under the same
 * generation and on the same day: no database work on the hot path. The generation changes when
 * what the public sees may have changed: every change in landun appends to the audit chain inside
 * its transaction, so
 *   - a request of this process that appended to the chain moves the generation on once its
 *     transaction has ended (the router: public_cache_finish);
 *   - a change made in this process outside a request (a law/ call of a test or a command) is
 *     seen at the next lookup (audit_writes);
 *   - other processes sharing a PostgreSQL database are seen by reading the chain's head at most
 *     once per interval (public_cache_config.poll_ms): their changes show within that interval.
 * Publication periods end by date, so an answer also lapses when the day (ctx's today) changes.
 *
 * Every anonymous public 200 answer — kept or not — carries an ETag (a hash of its body), a
 * Last-Modified and Cache-Control: public, no-cache; If-None-Match and If-Modified-Since are
 * answered 304. A logged-in request is neither answered from nor kept in memory, and its answer is
 * marked private. A handler that sets its own Cache-Control (assets, a complainant's progress
 * page, the health check) is left alone. */
#ifndef LANDUN_PUBLIC_CACHE_H
#define LANDUN_PUBLIC_CACHE_H

#include "web/http.h"

struct public_cache_config {
    size_t max_bytes; /* keys, bodies and bookkeeping together; 0: nothing is kept */
    int poll_ms;      /* how often the audit chain's head is read for other processes' changes
                       * (0: at every lookup) */
};
#define PUBLIC_CACHE_MB      32
#define PUBLIC_CACHE_POLL_MS 1000
#define PUBLIC_CACHE_CONTROL "public, no-cache" /* stored, but checked with us before each use */

/* Set the limits and empty the cache. Until it is called nothing is kept (the test harness's
 * default: tests that write rows with raw SQL need not know of it); validators are sent
 * regardless. */
void public_cache_configure(const struct public_cache_config *cfg);
/* Empty the cache and forget the generation (web_setup, web_teardown: a new database). */
void public_cache_clear(void);

/* What a lookup saw, for public_cache_finish: the generation and day the answer is made under. */
struct public_ticket {
    bool anonymous;  /* a GET or HEAD without a session cookie or token */
    uint64_t writes; /* this process's audit rows before the request (audit_writes) */
    uint64_t gen;
    int64_t since; /* when this process first saw the generation (UTC seconds, ctx's clock) */
    int32_t day;
    const char *key;
};

/* Before routing: answer r from memory (200, or 304 to a matching conditional request) and return
 * true; otherwise fill t and return false. Takes the generation before the request's snapshot. */
bool public_cache_lookup(struct req *r, struct resp *w, struct public_ticket *t);
/* Whether the audit chain's head is to be read again (the interval has passed): a lookup made
 * without a database connection may not answer then (the server's fast path). */
bool public_cache_poll_due(void);
/* After the request, its transaction ended: move the generation on when it wrote; give an
 * anonymous public 200 answer its validators (304 when the client has it) and keep it. */
void public_cache_finish(struct req *r, struct resp *w, const struct public_ticket *t);

/* An answer kept (struct resp.kept): its body and header strings stay valid until the response
 * lets go of it (resp_free calls public_cache_release). */
struct public_entry;
void public_cache_release(struct public_entry *e);
/* The server's ready-made response of an entry (kept as long as the entry), or NULL before it is
 * made; set_native makes native the entry's unless another was set first, and returns the one
 * kept (freeing native with the function given to public_cache_native_free). */
void *public_cache_native(struct public_entry *e);
void *public_cache_set_native(struct public_entry *e, void *native);
void public_cache_native_free(void (*fn)(void *));

/* The counters of the cache: entries and bytes kept, hits and misses (tests, logs). */
struct public_cache_stats {
    size_t entries, bytes;
    uint64_t hits, misses, generation;
};
void public_cache_stats(struct public_cache_stats *out);

/* ---- validators: shared by every answer that has them (assets, the API's description) ---- */

/* A strong ETag for a body: "…" with hex digits of its SHA-256, as long as an embedded file's. */
#define HTTP_ETAG_SIZE sizeof(((struct embed_file *)0)->etag)
void http_etag(const void *body, size_t len, char out[HTTP_ETAG_SIZE]);
/* Add ETag, Last-Modified (when last_modified > 0) and Cache-Control to w; when the request's
 * If-None-Match names etag (or, without one, If-Modified-Since is not before last_modified),
 * make w a 304 without body and return true. */
bool http_validators(struct req *r, struct resp *w, const char *etag, int64_t last_modified,
                     const char *cache_control);
/* An instant as an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"), and back (-1 when malformed). */
void http_date(int64_t t, char out[30]);
int64_t http_date_parse(const char *s);

#endif
