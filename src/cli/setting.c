/* setting.c — `landun key` (the data key that seals personal data) and `landun setting` (the
 * periods an agency may set). */
#include "cli/cli.h"
#include "base/crypto.h"
#include "law/setting.h"

#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Write a new key to a file no one else may read; never over an existing one. */
int cmd_key(struct cli *c)
{
    if (c->argc != 2 || strcmp(c->argv[0], "new") != 0) {
        fputs("usage: landun key new KEYFILE\n", stderr);
        return 2;
    }
    int fd = open(c->argv[1], O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        fprintf(stderr, "landun: 无法新建密钥文件 %s（已存在或无权限）：不覆盖已有的密钥\n",
                c->argv[1]);
        return 1;
    }
    char hex[2 * SEAL_KEY_BYTES + 1];
    seal_new_key_hex(hex);
    hex[2 * SEAL_KEY_BYTES] = '\n';
    bool ok = write(fd, hex, sizeof hex) == (ssize_t)sizeof hex;
    ok = close(fd) == 0 && ok;
    if (!ok) {
        fprintf(stderr, "landun: 写入密钥文件 %s 失败\n", c->argv[1]);
        return 1;
    }
    printf("data key written to %s: keep a copy apart from the database backups; without it the"
           " sealed personal data cannot be read\n",
           c->argv[1]);
    return 0;
}

static int list(struct cli_env *env)
{
    struct err e = {0};
    json_t *all = setting_list(&env->ctx, &e);
    if (!all) return cli_fail(&e);
    size_t i;
    json_t *s;
    json_array_foreach(all, i, s)
    {
        printf("%-28s %5lld  %s（默认 %lld；%s）\n", json_string_value(json_object_get(s, "name")),
               (long long)json_integer_value(json_object_get(s, "value")),
               json_string_value(json_object_get(s, "label")),
               (long long)json_integer_value(json_object_get(s, "default")),
               json_string_value(json_object_get(s, "basis")));
    }
    json_decref(all);
    return 0;
}

int cmd_setting(struct cli *c)
{
    bool is_list = c->argc == 1 && strcmp(c->argv[0], "list") == 0;
    bool is_set = c->argc == 3 && strcmp(c->argv[0], "set") == 0;
    if (!is_list && !is_set) {
        fputs("usage: landun setting list | landun setting set NAME VALUE\n", stderr);
        return 2;
    }
    struct err e = {0};
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = is_list ? list(&env) : setting_set(&env.ctx, c->argv[1], c->argv[2], &e);
    if (is_set && rc) rc = cli_fail(&e);
    cli_close(&env);
    return rc;
}
