/* data.c — `landun import` and `landun export` of the registries. */
#include "cli/cli.h"
#include "docs/registry_export.h"
#include "law/auth.h"
#include "law/import.h"

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

int cmd_import(struct cli *c)
{
    bool skip = cli_flag(&c->argc, c->argv, "--skip-invalid");
    const char *as = cli_option(&c->argc, c->argv, "--as");
    bool entities = c->argc == 2 && strcmp(c->argv[0], "entities") == 0;
    bool officers = c->argc == 2 && strcmp(c->argv[0], "officers") == 0;
    if (!entities && !officers) {
        fprintf(stderr, "usage: landun import entities|officers FILE [--skip-invalid]\n");
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
    size_t i;
    json_t *p;
    json_array_foreach(res.problems, i, p)
    {
        fprintf(stderr, "第%lld行 %s：%s\n",
                (long long)json_integer_value(json_object_get(p, "row")),
                json_string_value(json_object_get(p, "column")),
                json_string_value(json_object_get(p, "message")));
    }
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
    if (!entities && !officers) {
        fprintf(stderr, "usage: landun export entities|officers FILE.xlsx|FILE.csv\n");
        return 2;
    }
    struct err e = {0};
    struct cli_env env;
    struct actor who;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = act_as(&env, as, &who, &e);
    if (!rc) rc = (entities ? export_entities : export_officers)(&env.ctx, c->argv[1], &e);
    if (rc)
        rc = cli_fail(&e);
    else
        printf("written %s\n", c->argv[1]);
    cli_close(&env);
    return rc;
}
