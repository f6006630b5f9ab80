/* http.h — one request and its response as the router and handlers see them, independent of
 * libmicrohttpd (so HTTP tests drive the real router in-process). */
#ifndef LANDUN_HTTP_H
#define LANDUN_HTTP_H

#include <jansson.h>
#include "base/arena.h"
#include "base/buf.h"
#include "base/embed.h"
#include "law/ctx.h"

#define MAX_PATH_ARGS  4
#define SESSION_COOKIE "landun_sid"
#define MAX_HEADERS    16

/* A name=value pair from the query string or the body. */
struct param {
    const char *name;
    const char *value;
};

/* A request. Every pointer is owned by arena (or static). */
struct req {
    struct arena *arena;      /* everything the request allocates */
    const char *method;       /* GET, POST, PUT, DELETE, HEAD */
    const char *path;         /* path without the /api/v1 prefix and query */
    bool api;                 /* the path began with /api/v1: answer JSON */
    const char *query_string; /* the raw query string after '?', or NULL */
    struct param *query;      /* decoded query parameters */
    int nquery;
    struct param *body; /* decoded form fields, or the JSON body's fields as text */
    int nbody;
    json_t *json;                    /* the parsed JSON body (API), or NULL; owned by the req */
    const char *file;                /* an uploaded file's bytes (multipart), or NULL */
    size_t file_len;                 /*   its length */
    const char *file_name;           /*   the name the browser gave it */
    const char *content_type;        /* request Content-Type, or NULL */
    const char *cookie;              /* the raw Cookie header, or NULL */
    const char *authorization;       /* the raw Authorization header, or NULL */
    const char *csrf_header;         /* X-CSRF-Token, or NULL */
    const char *if_none_match;       /* If-None-Match, or NULL */
    const char *if_modified_since;   /* If-Modified-Since, or NULL */
    const char *range;               /* Range, or NULL */
    const char *upload_offset;       /* Upload-Offset (tus), or NULL */
    const char *upload_length;       /* Upload-Length (tus), or NULL */
    const char *upload_metadata;     /* Upload-Metadata (tus), or NULL */
    const char *raw;                 /* a body of bytes (application/offset+octet-stream) */
    size_t raw_len;                  /*   its length */
    const char *ip;                  /* client address */
    bool https;                      /* the client reached us over TLS (the trusted proxy says) */
    const char *args[MAX_PATH_ARGS]; /* values of {…} segments of the route pattern */
    int nargs;
    const struct route *route; /* the matched route */
    struct actor who;          /* the logged-in user (zero when anonymous) */
    bool logged_in;            /* a valid session or token */
    bool bad_param;            /* req_int met a malformed value */
    struct err bad;            /* … its field errors, on a GET (a write's go to err at once) */
    bool via_token;            /* authenticated by a bearer token (no CSRF) */
    char sid[72];              /* the session cookie value, when logged in by cookie */
    char csrf[72];             /* the session's CSRF token */
    struct ctx ctx;            /* for law/ calls: db, arena, who, now, calendar */
    struct err err;            /* filled by a failing handler */
};

struct public_entry;

/* A response header. */
struct header {
    const char *name;  /* static or arena */
    const char *value; /* static or arena */
};

/* The response a handler builds. The router turns data + tmpl into HTML, or data into JSON. */
struct resp {
    int status;                    /* HTTP status; 0 means 200 */
    json_t *data;                  /* the handler's result (owned); JSON face or template data */
    const char *tmpl;              /* template for the HTML face, e.g. "entity/list.html" */
    const char *title;             /* page title */
    const char *redirect;          /* HTML face: answer 303 to here (after a successful POST) */
    json_t *error_details;         /* JSON face of a failure: sent as error.details (owned) */
    const char *content_type;      /* for raw bodies (assets, downloads) */
    struct buf body;               /* the rendered body */
    const struct embed_file *file; /* a static body that needs no copy (assets) */
    int fd;                        /* a body read from this open file when fd_len > 0 (closed by
                                    * resp_free): fd_len bytes from fd_offset */
    int64_t fd_offset, fd_len;
    struct header headers[MAX_HEADERS];
    int nheaders;
    /* an answer of the public cache this response sends (its body is file, its headers point
     * into it): held until resp_free (web/public_cache.h) */
    struct public_entry *kept;
};

/* Handlers: build the answer in w; return 0 or a negative enum err_code with r->err filled. */
typedef int (*handler_fn)(struct req *r, struct resp *w);

/* Route flags. */
enum {
    ROUTE_HTML = 1, /* has an HTML face at path */
    ROUTE_API = 2,  /* has a JSON face at /api/v1 + path */
    ROUTE_BOTH = 3,
};

/* One route: method, path pattern ({name} matches one segment), permission, handler. */
struct route {
    const char *method;
    const char *pattern;
    int perm;  /* enum perm; PERM_NONE is refused at start-up */
    int faces; /* ROUTE_HTML | ROUTE_API */
    handler_fn handler;
    const char *summary; /* one line for logs and the OpenAPI check */
    const void *data;    /* what a shared handler serves here (a step: struct step_route) */
};

/* Request helpers (router.c). */
/* Value of a query parameter, or NULL. */
const char *req_query(const struct req *r, const char *name);
/* Value of a body field (form or JSON), or NULL; for GET, the query parameter. */
const char *req_param(const struct req *r, const char *name);
/* Every value of a repeated field joined with commas (checkbox groups, JSON arrays); NULL if
 * absent. */
const char *req_param_list(const struct req *r, const char *name);
/* Integer query/body parameter in [min, max]; dflt when it is absent or blank. A value given but
 * not an integer in range is the client's mistake, not a wish for the default: r->bad_param is
 * set and the field error recorded — on a write in r->err at once (its validation then fails and
 * nothing is saved), on a read in r->bad, so the page is made and then answered with 400 and the
 * message (the list page stays, the message above it). dflt is returned meanwhile. */
int64_t req_int(struct req *r, const char *name, int64_t dflt, int64_t min, int64_t max);
/* The path argument i as a positive id; 0 when it is not one. */
int64_t req_id(const struct req *r, int i);
void resp_header(struct resp *w, const char *name, const char *value);

#endif
