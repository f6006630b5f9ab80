/* data.c — `landun import` and `landun export` of the registries. */
#include "cli/cli.h"
#include "docs/power_export.h"
#include "docs/registry_export.h"
#include "law/auth.h"
#include "law/import.h"
#include "law/power_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void import_progress(int rows)
{
    cli_progress("imported rows", rows, 0);
}

/* Act as --as USERNAME (their scope and name in the audit trail), or as the system. */
static int act_as(struct cli_env *env, const char *username, struct actor *who, struct err *e)
{
    if (!username) return 0;
    int64_t id;
    int rc =
        db_get_int(env->db, e, &id, "SELECT id FROM app_user WHERE username = ?", "t", username);
    if (rc) return err_set(e, ERR_NOTFOUND, "用户 %s 不存在", username);
    rc = auth_load_actor(&env->ctx, id, who, e);
    if (!rc) env->ctx.who = who;
    return rc;
}

/* Print the problems of an import, one a line: 第N行 列：问题. */
static void print_problems(json_t *problems)
{
    size_t i;
    json_t *p;
    json_array_foreach(problems, i, p)
    {
        fprintf(stderr, "第%lld行 %s：%s\n",
                (long long)json_integer_value(json_object_get(p, "row")),
                json_string_value(json_object_get(p, "column")),
                json_string_value(json_object_get(p, "message")));
    }
}

/* `landun import power FILE`: the power list and its baselines, all or nothing. */
static int import_power(struct cli *c, const char *as)
{
    struct power_import_options o = {.preview = cli_flag(&c->argc, c->argv, "--preview"),
                                     .agency_code = cli_option(&c->argc, c->argv, "--agency")};
    struct err e = {0};
    size_t len;
    char *data = cli_read_file(c->argv[1], &len, &e);
    if (!data) return cli_fail(&e);
    struct cli_env env;
    struct actor who;
    if (cli_open(c->db, &env, &e) || act_as(&env, as, &who, &e)) {
        free(data);
        return cli_fail(&e);
    }
    struct power_import_result res;
    int rc = power_import(&env.ctx, data, len, c->argv[1], &o, &res, &e);
    print_problems(res.problems);
    if (rc)
        rc = cli_fail(&e);
    else
        printf("%d rows read%s: items %d added, %d changed, %d unchanged; baselines %d added, %d "
               "changed, %d unchanged\n",
               res.rows, o.preview ? " (preview, nothing saved)" : "", res.items_added,
               res.items_changed, res.items_same, res.versions_added, res.versions_changed,
               res.versions_same);
    power_import_result_free(&res);
    cli_close(&env);
    free(data);
    return rc;
}

int cmd_import(struct cli *c)
{
    bool skip = cli_flag(&c->argc, c->argv, "--skip-invalid");
    const char *as = cli_option(&c->argc, c->argv, "--as");
    if (c->argc >= 2 && strcmp(c->argv[0], "power") == 0) return import_power(c, as);
    bool entities = c->argc == 2 && strcmp(c->argv[0], "entities") == 0;
    bool officers = c->argc == 2 && strcmp(c->argv[0], "officers") == 0;
    if (!entities && !officers) {
        fprintf(stderr, "usage: landun import entities|officers FILE [--skip-invalid]\n"
                        "       landun import power FILE [--preview] [--agency CODE]\n");
        return 2;
    }
    struct err e = {0};
    size_t len;
    char *data = cli_read_file(c->argv[1], &len, &e);
    if (!data) return cli_fail(&e);
    struct cli_env env;
    struct actor who;
    if (cli_open(c->db, &env, &e) || act_as(&env, as, &who, &e)) {
        free(data);
        return cli_fail(&e);
    }
    struct import_result res = {0};
    int rc = (entities ? import_entities : import_officers)(&env.ctx, data, len, c->argv[1], skip,
                                                            import_progress, &res, &e);
    if (isatty(2)) fputc('\n', stderr);
    print_problems(res.problems);
    if (rc)
        rc = cli_fail(&e);
    else
        printf("%d rows read, %d imported, %d rejected\n", res.rows, res.imported, res.bad);
    json_decref(res.problems);
    cli_close(&env);
    free(data);
    return rc;
}

int cmd_export(struct cli *c)
{
    const char *as = cli_option(&c->argc, c->argv, "--as");
    bool entities = c->argc == 2 && strcmp(c->argv[0], "entities") == 0;
    bool officers = c->argc == 2 && strcmp(c->argv[0], "officers") == 0;
    bool power = c->argc == 2 && strcmp(c->argv[0], "power") == 0;
    if (!entities && !officers && !power) {
        fprintf(stderr, "usage: landun export entities|officers|power FILE.xlsx|FILE.csv\n");
        return 2;
    }
    struct err e = {0};
    struct cli_env env;
    struct actor who;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = act_as(&env, as, &who, &e);
    if (!rc)
        rc = (power      ? export_power
              : entities ? export_entities
                         : export_officers)(&env.ctx, c->argv[1], &e);
    if (rc)
        rc = cli_fail(&e);
    else
        printf("written %s\n", c->argv[1]);
    cli_close(&env);
    return rc;
}
