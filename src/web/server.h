/* server.h — the HTTP server: libmicrohttpd's thread pool in front of web_handle. */
#ifndef LANDUN_SERVER_H
#define LANDUN_SERVER_H

#include <stdint.h>
#include "base/err.h"

struct calendar;
struct db;

/* Server settings. */
struct server_config {
    const char *db_url; /* every thread opens its own connection to this */
    const char *listen; /* ADDR:PORT, e.g. 127.0.0.1:8080; port 0 picks a free one */
    unsigned threads;   /* thread pool size (0: number of CPUs) */
    size_t max_body;    /* request body limit in bytes (an upload's PATCH streams: no limit) */
    const char *evidence_dir; /* the evidence store's directory (recordings), or NULL */
    unsigned timeout;         /* idle connection timeout in seconds */
    bool quiet;               /* no per-request log lines */
    /* A reverse proxy's address (e.g. 127.0.0.1): requests from it are taken to come from the
     * address in their X-Real-IP header. NULL: use the peer address. */
    const char *trusted_proxy;
    /* The audit chain's signing key file (landun audit keygen): the server signs the chain's
     * head every day and on an auditor's demand. NULL: no signing. */
    const char *audit_key;
    /* The public site's answers kept in memory (web/public_cache.h): at most this many MB (0:
     * none), and how often, in ms, the audit chain's head is read for other processes' changes
     * (0: at every request). */
    unsigned public_cache_mb;
    int public_cache_poll_ms;
};

struct server;

/* Start serving in background threads. *out gets the server. */
int server_start(const struct server_config *cfg, struct server **out, struct err *e);
/* The port actually bound. */
uint16_t server_port(const struct server *s);
/* Stop accepting, let in-flight requests finish, close the connections, free. */
void server_stop(struct server *s);
/* The working-day calendar requests use (loaded from the database at start). */
const struct calendar *server_calendar(void);
/* Load the calendar from the database and make it current (after an administrator's edit).
 * Calendars in use by running requests stay valid until the server stops. */
int server_calendar_reload(struct db *db, struct err *e);
/* Free every calendar loaded (at shutdown, when no request runs). */
void server_calendar_free(void);

#endif
