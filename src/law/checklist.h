/* checklist.h — the per-line checklists of inspections (检查事项清单, data/checklists.json): for
 * every professional line, the items an inspector checks, each with a stable code, a group
 * (资质管理, 人员管理, …) and its legal basis. Embedded in the binary; read-only after first
 * use; thread-safe. */
#ifndef LANDUN_CHECKLIST_H
#define LANDUN_CHECKLIST_H

#include <jansson.h>
#include <stdbool.h>

/* The items of line, in order: a borrowed JSON array of {"code","group","text","basis"}, or NULL
 * for an unknown line. */
json_t *checklist_line(const char *line);
/* The item with code (borrowed {"code","group","text","basis"}), or NULL; *line (if not NULL) is
 * set to the code of its line. */
json_t *checklist_item(const char *code, const char **line);
/* The whole catalogue {"version","lines":{line:[items]}} (borrowed; do not modify). */
json_t *checklist_json(void);

#endif
