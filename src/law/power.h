/* power.h — the power list (权责清单): each power of an agency (licensing, penalty, coercion, …)
 * with its legal basis; a penalty item also with its violated provision, its penalty provision,
 * the penalty types of 行政处罚法 第九条 it allows and its fine range. The discretion baselines of
 * penalty items are law/discretion.h; import and export law/power_import.h.
 *
 * Scope: an item belongs to the agency that issues it and is shared down the agency tree. A user
 * sees the items of their own subtree and of their agency's ancestors (a county sees the
 * province's list), and changes only those of their own subtree (docs/power.md). */
#ifndef LANDUN_POWER_H
#define LANDUN_POWER_H

#include <jansson.h>
#include "law/ctx.h"

#define POWER_TYPES_MAX 160 /* bytes of a canonical comma list of every penalty type */

/* The penalty terms a form, the API or a spreadsheet gives, as text: for an item (its legal
 * range) or a discretion level (its part of that range). */
struct power_terms_input {
    const char *types;    /* penalty type codes or labels, separated by , ， 、 ; ； */
    const char *fine_min; /* 元, as money_parse reads it ("5000", "5,000.00"; a trailing 元 is
                             dropped); blank min with a max: 0 */
    const char *fine_max;
    const char *mult_min; /* multiples of 违法所得 ("5", "2.5", "5倍"); blank min with a max: 0 */
    const char *mult_max;
};

/* Penalty terms, checked. Ranges are in fen (分) and in hundredths of 违法所得 (500 = 5倍). */
struct power_terms {
    char types[POWER_TYPES_MAX]; /* canonical comma list of type codes, in 第九条's order */
    bool has_fine;               /* an amount range is set */
    int64_t fine_min, fine_max;  /* fen */
    bool has_mult;               /* a multiple range is set */
    int64_t mult_min, mult_max;  /* hundredths of 违法所得 */
};

/* Fields of a new or edited item, as text. */
struct power_item_input {
    const char *agency_code;        /* 制定机构; blank: the actor's agency */
    const char *code;               /* 事项编码: letters, digits, - _ . */
    const char *name;               /* 事项名称 */
    const char *kind;               /* power_kind code or label */
    const char *line;               /* catalogue line code or label */
    const char *basis;              /* 设定依据 */
    const char *violated;           /* penalty: 违法条款 */
    const char *penalty_basis;      /* penalty: 处罚条款 */
    struct power_terms_input terms; /* penalty: types and fine range */
    int64_t version;                /* for edits: the version the user saw (0 = do not check) */
};

/* ---- vocabularies ------------------------------------------------------------------------- */

/* The kinds as [{code,label}] (new reference), in the list's order. */
json_t *power_kinds(void);
/* 行政处罚, … for a kind code; NULL for an unknown one. */
const char *power_kind_label(const char *code);
/* The kind code of a code or a label (行政处罚 → penalty), or NULL. */
const char *power_kind_code(const char *value);
/* The penalty types of 第九条 as [{code,label}] (new reference). */
json_t *power_penalty_types(void);
/* The labels of a comma list of type codes joined by ； into out (n bytes): 警告、通报批评；罚款.
 */
void power_types_label(const char *codes, char *out, size_t n);
/* A list of penalty types given as codes or labels (or their parts: 没收违法所得, 吊销 …),
 * separated by , ， 、 ; ；, as the canonical comma list of codes into out. Returns 0, or -1 with
 * the first word not recognised in bad (n bytes). */
int power_types_parse(const char *text, char out[POWER_TYPES_MAX], char *bad, size_t n);

/* ---- terms -------------------------------------------------------------------------------- */

/* Read terms from text, adding a message per bad field to e under prefix + the field's name
 * (prefix "" for an item: fine_min; "level2_" for a level: level2_fine_min). Checks each value
 * and that a range's minimum is not above its maximum. Returns e->code. */
int power_terms_read(const struct power_terms_input *in, const char *prefix,
                     struct power_terms *out, struct err *e);
/* The range text of terms ("罚款1,000.00元以上5,000.00元以下；违法所得2倍以上5倍以下"), or ""
 * when none, into out (n bytes). */
void power_terms_text(const struct power_terms *t, char *out, size_t n);
/* terms from a row's columns: types, fine_min, fine_max, mult_min, mult_max at col.. col+4. */
struct db_stmt;
void power_terms_from_row(struct db_stmt *st, int col, struct power_terms *t);
/* Add terms to o as JSON: penalty_types (codes), penalty_types_label, fine_min, fine_max,
 * mult_min, mult_max (fen and hundredths, null when unset), fine_min_yuan … (text as forms take
 * it) and range (power_terms_text). */
void power_terms_json(json_t *o, const struct power_terms *t);

/* ---- items -------------------------------------------------------------------------------- */

/* Check an item's fields without saving ([R-POW-01]); *terms gets its penalty terms. Returns
 * e->code. */
int power_item_validate(const struct power_item_input *in, struct power_terms *terms,
                        struct err *e);
/* Add an item to an agency of the actor's subtree; *id gets its id. ERR_CONFLICT (field code)
 * when the agency has the code already. */
int power_item_add(struct ctx *c, const struct power_item_input *in, int64_t *id, struct err *e);
/* Change an item of the actor's subtree. Its baselines in force or to come must still lie within
 * its new terms ([R-POW-02]). */
int power_item_update(struct ctx *c, int64_t id, const struct power_item_input *in, struct err *e);
/* [R-POW-08] Whether the actor may change item id: one of their own subtree (0, *version its
 * version). An ancestor's item, which they see, is refused (ERR_FORBIDDEN) saying who may change
 * it; any other is not found. Callers: item and baseline changes. */
int power_item_own(struct ctx *c, int64_t id, int64_t *version, struct err *e);
/* The id of the item with code at agency_id, 0 when none, or a negative error. */
int64_t power_item_find(struct ctx *c, int64_t agency_id, const char *code, struct err *e);

/* What the item list is asked for. */
struct power_query {
    const char *kind;        /* a kind code, or NULL */
    const char *line;        /* a line code, or NULL */
    const char *q;           /* a fragment of the code or the name, or NULL */
    const char *agency_code; /* only this agency's own items, or NULL */
    int page, per_page;
};

/* 0 when the actor may see item id (their subtree's or an ancestor's), else ERR_NOTFOUND. */
int power_item_visible(struct ctx *c, int64_t id, struct err *e);
/* One item the actor may see (with "own": the actor may change it), its baseline versions and
 * the one in force today; NULL + ERR_NOTFOUND. */
json_t *power_item_get(struct ctx *c, int64_t id, struct err *e);
/* A page of the items the actor may see: {"rows", "more", "page", "per_page", "total"}, by kind,
 * line and code; each row with the number of its baseline in force today (or null). */
json_t *power_item_list(struct ctx *c, const struct power_query *q, struct err *e);
/* Call fn for each item the actor may see, in list order, with its JSON (as power_item_get's,
 * "versions" holding each version's levels). fn's non-zero answer stops and is returned. For
 * exports. */
int power_item_each(struct ctx *c, int (*fn)(void *arg, json_t *item), void *arg, struct err *e);

/* ---- the public site ([R-POW-07]) --------------------------------------------------------- */

/* The public power list with the baseline each item has in force today: the page's data and
 * the public JSON alike, holding only what the page shows. Filters: kind, line, and agency (the
 * items in force for that agency: its own and its ancestors'). NULL on error. */
json_t *power_public_list(struct ctx *c, const struct power_query *q, struct err *e);
/* One item for the public, with every version of its baseline (in force, earlier, to come);
 * NULL + ERR_NOTFOUND. */
json_t *power_public_item(struct ctx *c, int64_t id, struct err *e);

#endif
