/* publicity.c — `landun publicity export`: the 双公示 data of the published items as a file for
 * the credit platforms (law/publicity_export.h, docs/publicity.md), as the system: the whole
 * site, or one agency's subtree with --agency. Audited. */
#include "cli/cli.h"
#include "law/publicity_export.h"

#include <stdio.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: landun publicity export --kind penalty|licence|no_penalty|inspection"
                    " --format xlsx|csv|csv-gbk|json [--since YYYY-MM-DD] [--agency CODE]"
                    " --out FILE\n");
    return 2;
}

int cmd_publicity(struct cli *c)
{
    struct publicity_filter f = {0};
    f.kind = cli_option(&c->argc, c->argv, "--kind");
    f.since = cli_option(&c->argc, c->argv, "--since");
    f.agency = cli_option(&c->argc, c->argv, "--agency");
    const char *format = cli_option(&c->argc, c->argv, "--format");
    const char *out = cli_option(&c->argc, c->argv, "--out");
    if (c->argc != 1 || strcmp(c->argv[0], "export") != 0 || !out) return usage();
    struct err e = {0};
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    enum publicity_format fmt = PUBLICITY_XLSX;
    int rc = 0;
    if (format && publicity_format_parse(format, &fmt)) {
        err_field(&e, "format", "导出格式应为 xlsx、csv、csv-gbk 或 json");
        publicity_each(&env.ctx, &f, true, NULL, NULL, &e); /* and what else is wrong */
        rc = e.code;
    }
    struct publicity_export_stats st;
    if (!rc) rc = publicity_export(&env.ctx, &f, fmt, out, true, &st, &e);
    if (rc) {
        rc = cli_fail(&e);
    } else {
        printf("written %s: %lld rows\n", out, (long long)st.rows);
        if (st.replaced)
            printf("%lld characters without a GBK form were written as '?'\n",
                   (long long)st.replaced);
    }
    cli_close(&env);
    return rc;
}
