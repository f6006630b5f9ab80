/* publicity_export.h — the published items as data: the 双公示 export for the credit platforms
 * (XLSX, CSV in UTF-8 or GBK, JSON), and the rows behind the public Atom feed and JSON API
 * (docs/publicity.md, "双公示数据导出、订阅与接口").
 *
 * What leaves is only what the public may see (PUBLICITY_VISIBLE) and, in an incremental export
 * (since a day), the items taken down since that day — withdrawn, ended early by credit repair,
 * or ended at their maximum period — so that a platform can take them down too. Every item's
 * data passes publicity_mask on the way out, whatever the reviewer left in it. */
#ifndef LANDUN_PUBLICITY_EXPORT_H
#define LANDUN_PUBLICITY_EXPORT_H

#include <jansson.h>
#include "law/ctx.h"

struct publicity_field;

/* Which items, in which order. */
struct publicity_filter {
    const char *kind;   /* penalty | no_penalty | licence | inspection; NULL: every kind */
    const char *agency; /* an agency code: its subtree, which must lie in the actor's scope;
                         * NULL: the actor's scope (the whole site for the public) */
    const char *since;  /* YYYY-MM-DD: items changed from that day's start (China time) and those
                         * taken down since that day; NULL: what the public sees today */
    const char *after;  /* keyset cursor "CHANGED_AT-ID" of the last row of a previous page */
    int limit;          /* at most this many rows; 0: all of them */
    bool newest_first;  /* order (changed_at, id) descending instead of ascending (the feed) */
};

/* One item as the public sees it; everything valid during the callback only. */
struct publicity_row {
    int64_t id;
    const char *kind;  /* penalty … */
    const char *state; /* published | withdrawn | repaired | expired */
    const char *status; /* 公示状态: 公示中 | 已撤回 | 信用修复提前终止 | 公示期满 */
    const char *note;       /* 状态说明: the withdrawal's day and reason …; "" while shown */
    const char *title;      /* the public heading, masked */
    const char *decided_on; /* YYYY-MM-DD */
    int64_t changed_at;     /* when what the public sees last changed, UTC seconds */
    json_t *data;           /* the fields, masked; of an item taken down only those that
                             * identify it (publicity_identity_key) */
};

/* Called for each row: 0 to go on, > 0 to stop (publicity_each then returns 0), or a negative
 * enum err_code with e filled. */
typedef int (*publicity_row_fn)(void *arg, const struct publicity_row *row, struct err *e);

/* Check f — field errors on kind, agency, since and after, in Chinese — then call fn for each
 * item it selects, in the order of (changed_at, id). Reads in batches inside one read
 * transaction, so memory stays flat however many rows there are. kind_required: a missing kind
 * is a field error (the export). fn NULL: only check f. */
int publicity_each(struct ctx *c, const struct publicity_filter *f, bool kind_required,
                   publicity_row_fn fn, void *arg, struct err *e);

/* Whether field key of an item identifies it (文号, party and its codes, day, agency): what is
 * kept of an item taken down. */
bool publicity_identity_key(const char *key);

/* An item's data (text, len bytes) as a JSON object, as json_loadb reads it but several times
 * faster for the flat object of strings and integers the data is; anything else is left to
 * json_loadb. NULL when it is not JSON. Fuzzed against json_loadb by fuzz_publicity. */
json_t *publicity_data_parse(const char *text, size_t len);

/* Parse a keyset cursor "CHANGED_AT-ID" (two non-negative decimal integers); 0, or -1 for
 * anything else. Outside input (?after=): fuzzed by fuzz_publicity. */
int publicity_cursor_parse(const char *s, int64_t *changed_at, int64_t *id);
/* The cursor of a row, on the arena. */
const char *publicity_cursor(struct arena *a, int64_t changed_at, int64_t id);

/* The text of field f of an item's data into out (n >= 32 bytes): a date as YYYY-MM-DD, an
 * amount kept in fen as 万元 with six decimals ([R-PUB-32]), text as it is, "" when absent.
 * Returns the text (static, data's or out). The export's cells, the API's and the feed's. */
const char *publicity_cell(const struct publicity_field *f, json_t *data, char *out, size_t n);

/* The site: the code and name of its top agency (arena), for the feed's ids and author; "" and
 * 行政执法机关 on a database without agencies. */
int publicity_site(struct ctx *c, const char **code, const char **name, struct err *e);

/* The export's formats. */
enum publicity_format {
    PUBLICITY_XLSX,    /* one sheet, header row of labels, every cell text */
    PUBLICITY_CSV,     /* UTF-8 with a BOM, CRLF, RFC 4180 quoting */
    PUBLICITY_CSV_GBK, /* the same in GBK, without a BOM */
    PUBLICITY_JSON,    /* {"kind","label","fields":[{key,label,type}],"rows":[{key: text}],…} */
};

/* The format called name (xlsx, csv, csv-gbk, json); 0, or -1 for another name. */
int publicity_format_parse(const char *name, enum publicity_format *f);
/* Its file extension (xlsx, csv, json) and Content-Type. */
const char *publicity_format_ext(enum publicity_format f);
const char *publicity_format_type(enum publicity_format f);

/* What an export wrote. */
struct publicity_export_stats {
    int64_t rows;     /* items written */
    int64_t replaced; /* characters without a GBK form, written as '?' (csv-gbk only) */
};

/* Export the items of f (kind required; limit and after ignored) to the file path in format
 * fmt: the fields of publicity_fields(kind) in order, then 公示状态 and 状态说明. The file
 * appears under its name only when complete (readable by its owner only). When audit, a row of
 * the audit trail records who exported what (staff and the command line; not the public's
 * downloads). Returns 0 and fills st, or a negative enum err_code with e filled. */
int publicity_export(struct ctx *c, const struct publicity_filter *f, enum publicity_format fmt,
                     const char *path, bool audit, struct publicity_export_stats *st,
                     struct err *e);

#endif
