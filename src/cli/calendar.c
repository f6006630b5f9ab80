/* calendar.c — `landun calendar`: working-day arithmetic, and loading a year's holiday notice. */
#include "cli/cli.h"
#include "law/holiday.h"
#include "law/workflow.h"
#include "base/calendar.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE                                                                                      \
    "usage: landun calendar add-workdays YYYY-MM-DD N\n"                                           \
    "       landun calendar import FILE.json   (a year's notice, holiday-cn format)\n"

/* The date N working days after a date; "暂定" after it when a year counted is provisional. */
static int add_workdays(struct cli *c)
{
    int64_t n;
    day_t start, out;
    if (c->argc != 3 || date_parse(c->argv[1], &start) || parse_i64(c->argv[2], &n) || n < 0 ||
        n > 3650) {
        fputs(USAGE, stderr);
        return 2;
    }
    struct err e = {0};
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    bool provisional;
    int rc = wf_count(env.cal, (int)n, true, start, &out, &provisional, &e);
    if (rc) {
        rc = cli_fail(&e);
    } else {
        char s[DATE_STRLEN];
        date_format(out, s);
        printf("%s%s\n", s, provisional ? " 暂定（所跨年度的节假日安排尚未载入）" : "");
    }
    cli_close(&env);
    return rc;
}

/* Print what a load did: the counts, then each moved deadline. */
static void print_result(const struct holiday_result *r)
{
    printf("%d 年节假日安排已载入：重算暂定期限 %d 个，届满日期调整 %zu 个\n", r->year,
           r->recomputed, json_array_size(r->moved));
    size_t i;
    json_t *m;
    json_array_foreach(r->moved, i, m)
    {
        printf("  %s %lld %s: %s -> %s\n", json_string_value(json_object_get(m, "kind")),
               (long long)json_integer_value(json_object_get(m, "object_id")),
               json_string_value(json_object_get(m, "label")),
               json_string_value(json_object_get(m, "old_due")),
               json_string_value(json_object_get(m, "new_due")));
    }
}

/* Load a notice file; every problem of a refused one goes to stderr. */
static int import(struct cli *c)
{
    if (c->argc != 2) {
        fputs(USAGE, stderr);
        return 2;
    }
    struct err e = {0};
    size_t len;
    char *json = cli_read_file(c->argv[1], &len, &e);
    if (!json) return cli_fail(&e);
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) {
        free(json);
        return cli_fail(&e);
    }
    struct holiday_result r;
    int rc = holiday_import(&env.ctx, json, len, &r, &e);
    size_t i;
    json_t *p;
    json_array_foreach(r.problems, i, p)
    {
        fprintf(stderr, "%s\n", json_string_value(json_object_get(p, "message")));
    }
    if (rc)
        rc = cli_fail(&e);
    else
        print_result(&r);
    holiday_result_free(&r);
    free(json);
    cli_close(&env);
    return rc;
}

int cmd_calendar(struct cli *c)
{
    if (c->argc >= 1 && strcmp(c->argv[0], "add-workdays") == 0) return add_workdays(c);
    if (c->argc >= 1 && strcmp(c->argv[0], "import") == 0) return import(c);
    fputs(USAGE, stderr);
    return 2;
}
