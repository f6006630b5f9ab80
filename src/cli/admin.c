/* admin.c — set-up commands: init, user, token, agency, backup. */
#include "cli/cli.h"
#include "law/agency.h"
#include "law/auth.h"
#include "law/role.h"

#include <stdio.h>
#include <string.h>

int cmd_init(struct cli *c)
{
    struct err e = {0};
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    char shown[512];
    printf("database %s is ready\n", cli_db_shown(c->db, shown, sizeof shown));
    cli_close(&env);
    return 0;
}

/* One line from stdin without its newline, into buf; 0 or -1. */
static int read_password(char *buf, size_t n)
{
    if (!fgets(buf, (int)n, stdin)) return -1;
    buf[strcspn(buf, "\r\n")] = 0;
    return 0;
}

static unsigned parse_roles(const char *list)
{
    unsigned roles = 0;
    char copy[256];
    snprintf(copy, sizeof copy, "%s", list ? list : "");
    char *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int r = role_parse(t);
        if (r < 0) {
            fprintf(stderr,
                    "landun: unknown role '%s' (admin, officer, clerk, legal, leader, "
                    "auditor, viewer)\n",
                    t);
            return 0;
        }
        roles |= 1u << r;
    }
    return roles;
}

static int user_add_cmd(struct cli *c, struct cli_env *env)
{
    const char *role = cli_option(&c->argc, c->argv, "--role");
    const char *agency = cli_option(&c->argc, c->argv, "--agency");
    const char *display = cli_option(&c->argc, c->argv, "--display-name");
    const char *officer = cli_option(&c->argc, c->argv, "--officer");
    if (!cli_flag(&c->argc, c->argv, "--password-stdin") || c->argc != 2 || !role || !agency) {
        fprintf(stderr, "usage: landun user add NAME --role ROLE --agency CODE [--officer CERT]"
                        " --password-stdin\n");
        return 2;
    }
    unsigned roles = parse_roles(role);
    if (!roles) return 2;
    char pw[256];
    if (read_password(pw, sizeof pw)) {
        fprintf(stderr, "landun: no password on standard input\n");
        return 2;
    }
    struct user_input in = {.username = c->argv[1],
                            .display_name = display ? display : c->argv[1],
                            .password = pw,
                            .agency_code = agency,
                            .roles = roles,
                            .officer_cert = officer};
    struct err e = {0};
    int64_t id;
    if (user_add(&env->ctx, &in, &id, &e)) return cli_fail(&e);
    printf("user %s created (id %lld)\n", c->argv[1], (long long)id);
    return 0;
}

static int user_list_cmd(struct cli_env *env)
{
    struct err e = {0};
    json_t *users = user_list(&env->ctx, &e), *u;
    if (!users) return cli_fail(&e);
    size_t i;
    json_array_foreach(users, i, u)
    {
        printf("%-16s %-10s %-8s %s\n", json_string_value(json_object_get(u, "username")),
               json_string_value(json_object_get(u, "display_name")),
               json_string_value(json_object_get(u, "status")),
               json_string_value(json_object_get(u, "agency")));
    }
    json_decref(users);
    return 0;
}

int cmd_user(struct cli *c)
{
    struct err e = {0};
    struct cli_env env;
    if (c->argc < 1) {
        fprintf(stderr, "usage: landun user add|passwd|list ...\n");
        return 2;
    }
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = 2;
    if (strcmp(c->argv[0], "add") == 0) {
        rc = user_add_cmd(c, &env);
    } else if (strcmp(c->argv[0], "list") == 0) {
        rc = user_list_cmd(&env);
    } else if (strcmp(c->argv[0], "passwd") == 0) {
        char pw[256];
        if (!cli_flag(&c->argc, c->argv, "--password-stdin") || c->argc != 2 ||
            read_password(pw, sizeof pw)) {
            fprintf(stderr, "usage: landun user passwd NAME --password-stdin\n");
        } else if (user_set_password(&env.ctx, c->argv[1], 0, pw, &e)) {
            rc = cli_fail(&e);
        } else {
            printf("password of %s changed\n", c->argv[1]);
            rc = 0;
        }
    } else {
        fprintf(stderr, "landun: unknown user command '%s'\n", c->argv[0]);
    }
    cli_close(&env);
    return rc;
}

int cmd_token(struct cli *c)
{
    const char *name = cli_option(&c->argc, c->argv, "--name");
    if (c->argc != 2 || strcmp(c->argv[0], "create") != 0) {
        fprintf(stderr, "usage: landun token create USERNAME [--name PURPOSE]\n");
        return 2;
    }
    struct err e = {0};
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    char token[SECRET_HEX + 1];
    int rc = token_create(&env.ctx, c->argv[1], name ? name : "cli", token, &e);
    if (rc)
        rc = cli_fail(&e);
    else
        printf("%s\n", token);
    cli_close(&env);
    return rc;
}

static int agency_list_cmd(struct cli_env *env)
{
    struct err e = {0};
    json_t *list = agency_list(&env->ctx, &e), *a;
    if (!list) return cli_fail(&e);
    size_t i;
    json_array_foreach(list, i, a)
    {
        int depth = (int)json_integer_value(json_object_get(a, "depth"));
        printf("%*s%-14s %s", 2 * (depth - 1), "", json_string_value(json_object_get(a, "code")),
               json_string_value(json_object_get(a, "name")));
        const char *s = json_string_value(json_object_get(a, "short_name"));
        printf(s ? " （简称 %s）\n" : "\n", s);
    }
    json_decref(list);
    return 0;
}

int cmd_agency(struct cli *c)
{
    struct err e = {0};
    struct cli_env env;
    struct agency_input in = {.parent_code = cli_option(&c->argc, c->argv, "--parent"),
                              .short_name = cli_option(&c->argc, c->argv, "--short"),
                              .division_code = cli_option(&c->argc, c->argv, "--division"),
                              .uscc = cli_option(&c->argc, c->argv, "--uscc"),
                              .level = cli_option(&c->argc, c->argv, "--level")};
    bool add = c->argc == 3 && strcmp(c->argv[0], "add") == 0;
    bool list = c->argc == 1 && strcmp(c->argv[0], "list") == 0;
    if (!add && !list) {
        fprintf(stderr, "usage: landun agency add CODE NAME [--parent CODE] [--short 简称]\n"
                        "                         [--division CODE] [--uscc 统一社会信用代码]\n"
                        "       landun agency list\n");
        return 2;
    }
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = 0;
    if (list) {
        rc = agency_list_cmd(&env);
    } else {
        in.code = c->argv[1];
        in.name = c->argv[2];
        int64_t id;
        if (agency_add(&env.ctx, &in, &id, &e))
            rc = cli_fail(&e);
        else
            printf("agency %s created (id %lld)\n", in.code, (long long)id);
    }
    cli_close(&env);
    return rc;
}

static void backup_progress(int done, int total)
{
    cli_progress("backup pages", done, total);
}

int cmd_backup(struct cli *c)
{
    if (c->argc == 2 && strcmp(c->argv[0], "evidence") == 0)
        return cli_backup_evidence(c, c->argv[1]);
    if (c->argc != 1) {
        fprintf(stderr, "usage: landun backup FILE\n       landun backup evidence DIR\n");
        return 2;
    }
    struct err e = {0};
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = db_backup(env.db, c->argv[0], backup_progress, &e);
    if (rc)
        rc = cli_fail(&e);
    else
        printf("backup written to %s\n", c->argv[0]);
    cli_close(&env);
    return rc;
}
