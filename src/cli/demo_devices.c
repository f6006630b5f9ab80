/* demo_devices.c — the demo's enforcement devices (执法装备): body cameras, terminals and the rest
 * of the county 320412, some assigned to its officers, one handed over, one pooled, one under
 * repair and one retired (cli.h: demo_devices). */
#include "cli/cli.h"
#include "cli/demo.h"
#include "law/device.h"

#include <string.h>

/* One demo device: its kind, number, model, and the officers (offsets from the first officer,
 * -1: none) it went to how many days ago. */
struct demo_device {
    const char *kind, *number, *model;
    int first, first_ago;   /* first holder and when; first -1: never assigned */
    int second, second_ago; /* handed over to, and when; second -1: not handed over */
    const char *status;     /* NULL: in use; "repair"; "retired" (with the reason below) */
};

static const struct demo_device devices[] = {
    {"recorder", "JLY-2023-001", "海康威视 DSJ-K1", 0, 400, -1, 0, NULL},
    {"recorder", "JLY-2023-002", "海康威视 DSJ-K1", 2, 400, 1, 30, NULL},
    {"recorder", "JLY-2023-003", "海康威视 DSJ-K1", -1, 0, -1, 0, NULL},
    {"recorder", "JLY-2021-007", "警翼 X6", 4, 900, -1, 0, "repair"},
    {"terminal", "ZD-2024-001", "华为 MatePad 执法终端", 0, 200, -1, 0, NULL},
    {"terminal", "ZD-2024-002", "华为 MatePad 执法终端", 1, 200, -1, 0, NULL},
    {"voice", "LYB-2022-001", "索尼 ICD-UX570", -1, 0, -1, 0, NULL},
    {"printer", "DY-2022-001", "汉印 HM-A300", 0, 500, -1, 0, NULL},
    {"camera", "XJ-2016-001", "佳能 IXUS 285", 3, 2000, -1, 0, "retired"},
};

/* Register one demo device as c's actor. */
static int add_device(struct ctx *c, const struct demo_device *d, int64_t first_officer,
                      struct err *e)
{
    struct device_input in = {.kind = d->kind, .number = d->number, .model = d->model};
    int64_t id;
    if (device_add(c, &in, &id, e)) return e->code;
    if (d->first >= 0 &&
        device_assign(c, id, first_officer + d->first, demo_days_from_today(c, -d->first_ago), e))
        return e->code;
    if (d->second >= 0 &&
        device_assign(c, id, first_officer + d->second, demo_days_from_today(c, -d->second_ago), e))
        return e->code;
    if (d->status && strcmp(d->status, "retired") == 0)
        return device_retire(c, id, "镜头损坏，无维修价值", e);
    if (d->status) {
        struct device_input edit = {.model = d->model, .status = d->status, .note = "送厂维修"};
        return device_update(c, id, &edit, e);
    }
    return 0;
}

int demo_devices(struct ctx *c, struct err *e)
{
    struct actor who;
    struct ctx as;
    int64_t first = 0;
    if (demo_as(c, "admin", &who, &as, e) ||
        db_get_int(c->db, e, &first,
                   "SELECT MIN(o.id) FROM officer o JOIN agency a ON a.id = o.agency_id"
                   " WHERE a.code = '320412'",
                   ""))
        return e->code;
    for (size_t i = 0; i < countof(devices); i++)
        if (add_device(&as, &devices[i], first, e)) return e->code;
    return 0;
}
