/* migrate.c — `landun migrate`: move a county's database into a provincial one. */
#include "cli/cli.h"
#include "law/transfer.h"

#include <stdio.h>
#include <string.h>

static void print_report(const struct transfer_report *rep, const char *to)
{
    char shown[512];
    printf("migrated into %s:\n", cli_db_shown(to, shown, sizeof shown));
    for (int i = 0; i < rep->ntables; i++) {
        const struct transfer_count *t = &rep->tables[i];
        printf("  %7ld new  %s (%s)", t->copied, t->label, t->table);
        if (t->matched) printf(", %ld already there (same code/name)", t->matched);
        putchar('\n');
    }
    printf("  audit trail: %ld rows archived, last hash %s\n", rep->audit_rows, rep->audit_head);
    if (rep->recounted)
        printf("  provisional deadlines counted again on this calendar: %d (%d moved)\n",
               rep->recounted, rep->moved);
    for (int i = 0; i < rep->nrenamed && i < (int)countof(rep->renamed); i++)
        printf("  renamed account %s\n", rep->renamed[i]);
    if (rep->nrenamed > (int)countof(rep->renamed))
        printf("  … %d accounts renamed in all\n", rep->nrenamed);
}

int cmd_migrate(struct cli *c)
{
    const char *from = cli_option(&c->argc, c->argv, "--from");
    const char *to = cli_option(&c->argc, c->argv, "--to");
    const char *suffix = cli_option(&c->argc, c->argv, "--user-suffix");
    if (!from || !to || c->argc) {
        fprintf(stderr, "usage: landun migrate --from sqlite:COUNTY.db --to postgresql://… "
                        "[--user-suffix SUFFIX]\n");
        return 2;
    }
    if (strcmp(from, to) == 0) {
        fprintf(stderr, "landun: --from and --to are the same database\n");
        return 2;
    }
    struct err e = {0};
    struct cli_env src, dst;
    if (cli_open(from, &src, &e)) return cli_fail(&e);
    if (cli_open(to, &dst, &e)) {
        cli_close(&src);
        return cli_fail(&e);
    }
    char source[512];
    cli_db_shown(from, source, sizeof source);
    struct transfer_opts o = {.source = source, .user_suffix = suffix, .progress = cli_progress};
    struct transfer_report rep;
    int rc = transfer_run(&dst.ctx, src.db, &o, &rep, &e);
    if (rc && rep.clashes[0]) {
        fprintf(stderr, "landun: 目标库已有相同的记录，未迁移任何数据：\n%s\n", rep.clashes);
        rc = 1;
    } else if (rc)
        rc = cli_fail(&e);
    else
        print_report(&rep, to);
    cli_close(&dst);
    cli_close(&src);
    return rc;
}
