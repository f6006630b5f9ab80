/* common.c — opening the database for a command, options, errors, progress. */
#include "cli/cli.h"
#include "base/clock.h"
#include "law/auth.h"
#include "law/holiday.h"
#include "store/migrate.h"
#include "base/buf.h"
#include "base/calendar.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* mkdir -p of the directory part of a file path. */
static void make_parent_dirs(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash) return;
    *slash = 0;
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        mkdir(dir, 0755);
        *p = '/';
    }
    mkdir(dir, 0755);
}

int cli_open(const char *db_url, struct cli_env *env, struct err *e)
{
    memset(env, 0, sizeof *env);
    if (!strstr(db_url, "://"))
        make_parent_dirs(str_prefix(db_url, "sqlite:") ? db_url + 7 : db_url);
    int rc = db_open(db_url, &env->db, e);
    if (rc) return rc;
    env->ctx =
        (struct ctx){.db = env->db, .arena = &env->arena, .who = &actor_system, .now = clock_now()};
    rc = db_migrate(env->db, e);
    if (rc >= 0) rc = holiday_seed(&env->ctx, e);
    if (rc >= 0) rc = holiday_load(env->db, &env->cal, e);
    if (rc < 0) {
        cli_close(env);
        return rc;
    }
    env->ctx.cal = env->cal;
    return 0;
}

const char *cli_db_shown(const char *url, char *out, size_t n)
{
    struct buf b = {0};
    const char *rest = url, *auth = strstr(url, "://");
    if (auth) {
        auth += 3;
        /* the user info ends at the last @ before the path or query (a literal @ is %40) */
        const char *at = memrchr(auth, '@', strcspn(auth, "/?"));
        const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
        if (colon) {
            buf_add(&b, url, (size_t)(colon + 1 - url));
            buf_adds(&b, "***");
            rest = at;
        }
    }
    for (const char *pw; (pw = strstr(rest, "password=")) != NULL;) {
        buf_add(&b, rest, (size_t)(pw + 9 - rest));
        buf_adds(&b, "***");
        rest = pw + 9 + strcspn(pw + 9, "&");
    }
    buf_adds(&b, rest);
    snprintf(out, n, "%s", buf_str(&b));
    buf_free(&b);
    return out;
}

void cli_close(struct cli_env *env)
{
    calendar_free(env->cal);
    db_close(env->db);
    arena_free(&env->arena);
    memset(env, 0, sizeof *env);
}

int cli_fail(const struct err *e)
{
    fprintf(stderr, "landun: %s\n", e->msg[0] ? e->msg : err_code_name(e->code));
    for (int i = 0; i < e->nfields; i++)
        fprintf(stderr, "  %s: %s\n", e->fields[i].name, e->fields[i].msg);
    return 1;
}

const char *cli_option(int *argc, char **argv, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < *argc; i++) {
        const char *v = NULL;
        int take = 0;
        if (strcmp(argv[i], name) == 0 && i + 1 < *argc)
            v = argv[i + 1], take = 2;
        else if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=')
            v = argv[i] + n + 1, take = 1;
        if (!take) continue;
        memmove(argv + i, argv + i + take, (size_t)(*argc - i - take) * sizeof *argv);
        *argc -= take;
        return v;
    }
    return NULL;
}

bool cli_flag(int *argc, char **argv, const char *name)
{
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], name) != 0) continue;
        memmove(argv + i, argv + i + 1, (size_t)(*argc - i - 1) * sizeof *argv);
        (*argc)--;
        return true;
    }
    return false;
}

void cli_progress(const char *what, long done, long total)
{
    if (!isatty(2)) return;
    if (total > 0)
        fprintf(stderr, "\r%s %ld/%ld (%ld%%)", what, done, total, done * 100 / total);
    else
        fprintf(stderr, "\r%s %ld", what, done);
    if (total > 0 && done >= total) fputc('\n', stderr);
    fflush(stderr);
}

char *cli_read_file(const char *path, size_t *len, struct err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(e, ERR_NOTFOUND, "无法打开文件 %s", path);
        return NULL;
    }
    struct buf b = {0};
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return buf_steal(&b);
}
