/* draw.c — `landun draw`: recompute a random draw from the database, or write out its pool
 * snapshot (for tools/draw_verify.py or any other re-implementation of docs/draw.md). */
#include "cli/cli.h"
#include "law/plan.h"

#include <stdio.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: landun draw verify PLAN\n       landun draw snapshot PLAN [FILE]\n");
    return 2;
}

/* Recompute plan id: the snapshot against the commitment, the entities and the teams. */
static int verify(struct cli_env *env, int64_t id)
{
    struct err e = {0};
    struct plan_rec p;
    struct plan_verdict v;
    if (plan_load(&env->ctx, id, false, &p, &e) || plan_verify(&env->ctx, id, false, &v, &e))
        return cli_fail(&e);
    printf("plan %lld: %s\n", (long long)id, p.name);
    printf("pool:        %zu entities, SHA-256 %s\n", v.entities.pool, v.entities.hash);
    printf("commitment:  %s (%s)\n", p.pool_hash, v.entities.hash_ok ? "matches" : "DIFFERS");
    printf("seed:        %s\n", p.seed ? p.seed : "(not drawn yet)");
    printf("entities:    %zu drawn, %s\n", v.entities.recomputed,
           v.entities.selection_ok ? "selection matches" : "selection DIFFERS");
    printf("teams:       %zu tasks, %s\n", v.tasks, v.teams_ok ? "all match" : "DIFFER");
    printf("audit trail: %s%s\n", v.audit_ok ? "" : "DIFFERS: ", v.audit_summary);
    printf("%s\n%s\n", v.entities.summary, v.teams_summary);
    return v.ok ? 0 : 1;
}

/* Write the snapshot of plan id to path (or stdout when NULL). */
static int snapshot(struct cli_env *env, int64_t id, const char *path)
{
    struct err e = {0};
    struct buf b = {0};
    if (plan_snapshot(&env->ctx, id, false, &b, &e)) {
        buf_free(&b);
        return cli_fail(&e);
    }
    FILE *f = path ? fopen(path, "wb") : stdout;
    int rc = 0;
    if (!f || fwrite(b.p ? b.p : "", 1, b.len, f) != b.len) {
        fprintf(stderr, "landun: cannot write %s\n", path ? path : "stdout");
        rc = 1;
    }
    if (f && f != stdout && fclose(f) != 0) rc = 1;
    buf_free(&b);
    return rc;
}

int cmd_draw(struct cli *c)
{
    int64_t id;
    if (c->argc < 2 || parse_i64(c->argv[1], &id) || id <= 0) return usage();
    bool is_verify = strcmp(c->argv[0], "verify") == 0 && c->argc == 2;
    bool is_snapshot = strcmp(c->argv[0], "snapshot") == 0 && c->argc <= 3;
    if (!is_verify && !is_snapshot) return usage();
    struct err e = {0};
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = is_verify ? verify(&env, id) : snapshot(&env, id, c->argc == 3 ? c->argv[2] : NULL);
    cli_close(&env);
    return rc;
}
