/* rules.c — the register of the rules landun enforces (law/rules.h), public: a page grouped by
 * area with each rule's id as its anchor (/rules#R-INSP-01), and the same data as JSON. */
#include "web/pages.h"
#include "web/web.h"
#include "law/rules.h"

int rules_index(struct req *r, struct resp *w)
{
    (void)r;
    w->data = rules_json();
    page(w, "rules.html", "执法规则登记册");
    return 0;
}
