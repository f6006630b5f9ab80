/* web.h — the web application: set-up, the dispatcher, and page helpers for handlers. */
#ifndef LANDUN_WEB_H
#define LANDUN_WEB_H

#include "web/http.h"

/* Compile the embedded templates and check the route table (every route has a permission and a
 * face). Returns 0, or an error naming the bad template or route. Call once before serving. */
int web_setup(struct err *e);
void web_teardown(void);

/* Answer one request: match the route, authenticate, check permission and CSRF, run the
 * handler, render JSON or HTML into w. r->ctx.db, r->ctx.cal, r->arena and the raw request
 * fields must be set. Never fails: errors become error responses. */
void web_handle(struct req *r, struct resp *w);
/* The checks web_handle makes before a handler runs: the route, authentication, permission and
 * CSRF. 0 with r->route set, or -1 with the refusal made in w. For a body that streams (an
 * upload), made before the body is read. */
int web_admit(struct req *r, struct resp *w);
/* Render an error response (JSON or HTML page) for code, using r->err's messages. */
void web_error(struct req *r, struct resp *w, int code);
/* Fill r->path, r->api and r->query from a raw request target ("/api/v1/x?a=1"). ERR_BADREQ
 * for an undecodable one. */
int web_parse_target(struct req *r, const char *target);
/* Parse a request body by r->content_type into r->body (and r->json). */
int web_parse_body(struct req *r, const char *body, size_t len);
/* Release what a response holds (data, body). */
void resp_free(struct resp *w);

/* The route table: every area's rows and one row per workflow step (web/area.h), built by
 * web_setup. */
extern const struct route *web_routes;
extern size_t web_nroutes;

/* How a write's handler answers, on both faces (web_after_write). */
struct after_write {
    handler_fn show;         /* the page a refused form returns to (the record's GET handler);
                              * on success the API's answer, unless the handler set w->data */
    const char *const *keep; /* fields put back into the refused form, ended by NULL; or NULL */
    const char *redirect;    /* the page face's next page on success */
    int status;              /* the API's status on success (0: 200) */
};
/* Answer a write that returned rc. Refused: the API answers the error; the page shows `show`
 * again with the messages beside the fields and the typed values (keep). Done: the API answers
 * w->data or show's JSON with status; the page redirects. Returns what the handler returns. */
int web_after_write(struct req *r, struct resp *w, int rc, const struct after_write *a);

/* For handlers: set the template and title of the HTML face. */
void page(struct resp *w, const char *tmpl, const char *title);
/* For handlers of forms: put the submitted fields back into data["form"] so that a re-rendered
 * form keeps what the user typed (names: NULL-terminated list). */
void page_keep_form(struct req *r, struct resp *w, const char *const *names);
/* Give each row of rows its "at" (UTC seconds) as "time", local (UTC+8) "YYYY-MM-DD HH:MM:SS".
 * Callers: the audit trail, the calendar's loads. */
void page_local_times(json_t *rows);
/* o's instant key (UTC seconds) as local "YYYY-MM-DD HH:MM:SS" under out; nothing when absent. */
void page_local_time(json_t *o, const char *key, const char *out);
/* Pagination links for list data {"more","page"}: adds "prev_url"/"next_url" built from the
 * current query string. */
void page_links(struct req *r, json_t *data);
/* Render a template with data into out (no layout); for fragments. */
int web_render(const char *tmpl, json_t *data, struct buf *out, struct err *e);

#endif
