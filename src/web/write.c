/* write.c — the one way a handler answers after a write, on both faces: a refused form comes
 * back with its messages and values, a done one redirects; the API answers the error or the
 * record. */
#include "web/web.h"

#include <string.h>

/* The page again, made as a GET would make it, with the refusal's messages kept aside. */
static void show_refused(struct req *r, struct resp *w, const struct after_write *a)
{
    struct err saved = r->err;
    memset(&r->err, 0, sizeof r->err);
    json_decref(w->data);
    w->data = NULL;
    if (a->show(r, w) == 0 && a->keep) page_keep_form(r, w, a->keep);
    r->err = saved;
}

int web_after_write(struct req *r, struct resp *w, int rc, const struct after_write *a)
{
    if (rc) {
        if (!r->api && a->show) show_refused(r, w, a);
        return rc;
    }
    if (!r->api) {
        w->redirect = a->redirect;
        return 0;
    }
    if (a->status) w->status = a->status;
    if (w->data || !a->show) return 0;
    int shown = a->show(r, w);
    if (a->status) w->status = a->status; /* show may have set its own */
    return shown;
}
