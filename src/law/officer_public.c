/* officer_public.c — the public list of enforcement officers (officer_public.h). */
#include "base/date.h"
#include "base/jpack.h"
#include "law/officer_public.h"
#include "law/agency.h"
#include "law/catalog.h"
#include "law/paging.h"

#include <string.h>

#define PUBLIC_COLS "o.name, o.cert_no, a.name, o.lines, o.cert_issued, o.cert_expires"
#define PUBLIC_FROM " FROM officer o JOIN agency a ON a.id = o.agency_id WHERE "

static json_t *row(void *arg, struct db_stmt *st, struct err *e)
{
    (void)arg, (void)e;
    char lines[256];
    catalog_lines_label(db_text(st, 3), lines, sizeof lines);
    return jpack("{ss ss ss ss ss ss}", "name", db_text(st, 0), "cert_no", db_text(st, 1), "agency",
                 db_text(st, 2), "lines_label", lines, "cert_issued", db_text(st, 4),
                 "cert_expires", db_text(st, 5));
}

/* q as a LIKE pattern matching it anywhere, its % _ and \ taken literally (arena). */
static const char *like_fragment(struct arena *a, const char *q)
{
    struct buf b = {0};
    buf_addc(&b, '%');
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') buf_addc(&b, '\\');
        buf_addc(&b, *p);
    }
    buf_addc(&b, '%');
    const char *s = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return s;
}

/* [R-PUB-25] The public sees the officers who may enforce today — active, their certificate
 * issued and not expired — by name, certificate number, agency and lines, never an ID number or
 * a phone number; a search matches the name or the certificate number only, so that it cannot
 * tell whose an ID number is. */
json_t *officer_public_list(struct ctx *c, const struct officer_public_query *q, struct err *e)
{
    const char *scope;
    if (agency_scope_of(c, q->agency_code, &scope, e)) return NULL;
    char today[DATE_STRLEN];
    date_format(date_from_instant(c->now), today);
    struct db_cond w = {0};
    db_cond_add(&w, AGENCY_IN_SCOPE("o.agency_id"), "t", scope);
    db_cond_add(&w, "o.status = 'active' AND o.cert_issued <= ? AND o.cert_expires >= ?", "tt",
                today, today);
    if (!str_blank(q->q)) {
        const char *f = like_fragment(c->arena, q->q);
        db_cond_add(&w, "(o.name LIKE ? ESCAPE '\\' OR o.cert_no LIKE ? ESCAPE '\\')", "tt", f, f);
    }
    const char *sql = arena_printf(c->arena,
                                   "SELECT " PUBLIC_COLS PUBLIC_FROM
                                   "%s ORDER BY a.path, o.cert_no, o.id LIMIT ? OFFSET ?",
                                   db_cond_sql(&w));
    const char *count = arena_printf(
        c->arena, "SELECT COUNT(*) FROM (SELECT 1" PUBLIC_FROM "%s LIMIT ?) AS t", db_cond_sql(&w));
    struct db_cond k = w; /* the list's arguments, for its count */
    struct paging pg = paging_of(q->page, q->per_page, 50);
    db_cond_bind(&w, "ii", paging_limit(pg), paging_offset(pg));
    json_t *page = paging_total(paging_read(db_cond_query(c->db, e, sql, &w), pg, row, NULL, e),
                                c->db, count, true, &k, e);
    db_cond_free(&w);
    if (page && !str_blank(q->agency_code)) jset_text(page, "agency", q->agency_code);
    return page;
}
