/* area.h — what an area of the program keeps in the database, as a declaration: its tables, how
 * their rows refer to other tables' rows, and which tables are not copied row by row and why.
 *
 * `landun migrate` (law/transfer.c) copies the tables of every area in the order of law_areas
 * (law/areas.c) and, within an area, in the order declared: parents first. The web half of an
 * area (web/area.h: routes, menu, start-page tiles) is declared beside its handlers. Adding an
 * area's tables: declare them at the end of its law/ file and add the area to law/areas.c
 * (docs/architecture.md). */
#ifndef LANDUN_LAW_AREA_H
#define LANDUN_LAW_AREA_H

#include <stdbool.h>
#include <stddef.h>

struct workflow;

/* How a column holds a reference to another table's rows. */
enum ref_how {
    REF_ID,   /* one id */
    REF_LIST, /* ids, comma-separated (task.avoid, draw_plan.officer_agencies) */
    REF_LATE, /* one id of a row that may come later (a cycle): set once every table is in */
};

/* A column that refers to rows of table `to` (which has ids of its own). */
struct table_ref {
    const char *col;
    const char *to;
    enum ref_how how;
};

#define TABLE_MAX_REFS 12

/* A table copied row by row. */
struct table_decl {
    const char *name;  /* the table */
    const char *label; /* what its rows are: 执法人员 */
    bool own_id;       /* its rows have an id of their own, which the copy renumbers */
    const char *order; /* the order rows are copied in: parents first */
    struct table_ref refs[TABLE_MAX_REFS];
};

/* A table not copied row by row, and why. */
struct table_left {
    const char *name;
    const char *why;
    bool must_be_empty; /* a source with rows in it is refused */
};

struct doc_owner;

struct law_area {
    const char *name;
    const struct table_decl *tables; /* copied, in this order */
    size_t ntables;
    const struct table_left *left; /* not copied */
    size_t nleft;
    /* The workflow of its matters, or NULL: a step, deadline, document or audit row names a
     * matter by the workflow's kind, which need not be its table's name (disclosure →
     * disclosure_request). */
    const struct workflow *flow;
    /* The kind of record whose declared documents it keeps (law/document.h), or NULL. */
    const struct doc_owner *documents;
};

/* Every area, in the order their tables are copied (law/areas.c). */
extern const struct law_area *const law_areas[];
extern const size_t law_nareas;

/* The declaration of table name, or NULL when no area copies it. */
const struct table_decl *law_table(const char *name);
/* The table a record type names: a table's name, or a workflow's kind (disclosure); NULL when
 * neither. */
const struct table_decl *law_table_of(const char *type);

#endif
