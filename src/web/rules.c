/* rules.c — the register of the rules landun enforces (law/rules.h), public: a page grouped by
 * area with each rule's id as its anchor (/rules#R-INSP-01), and the same data as JSON. */
#include "web/pages.h"
#include "web/web.h"
#include "law/rules.h"
#include "law/role.h"
#include "web/area.h"

int rules_index(struct req *r, struct resp *w)
{
    (void)r;
    w->data = rules_json();
    page(w, "rules.html", "执法规则登记册");
    return 0;
}

/* ---- the area (web/area.h) ---------------------------------------------------------------- */

static const struct route routes[] = {
    {"GET", "/rules", PERM_PUBLIC, ROUTE_BOTH, rules_index,
     "the register of the rules the program enforces: id, law and article, rule, parameters"},
};

static const struct nav_item nav[] = {{"/rules", "执法规则", PERM_LOGIN}, {NULL, NULL, 0}};

const struct area area_rules = {"rules", routes, countof(routes), nav, NULL, NULL, NULL, NULL};
