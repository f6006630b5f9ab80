/* main.c — `landun <command>`: the command table, global options and help. */
#include "cli/cli.h"
#include "base/crypto.h"
#include "base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One command: its name, what it does, how it is called, and its function. */
static const struct command {
    const char *name;
    const char *summary;
    const char *usage;
    int (*run)(struct cli *c);
} commands[] = {
    {"serve", "run the web server",
     "serve [--listen ADDR:PORT] [--threads N] [--quiet] [--trusted-proxy ADDR]"
     " [--audit-key KEYFILE] [--public-url URL]\n       [--public-cache-mb MB] "
     "[--public-cache-poll-ms MS]",
     cmd_serve},
    {"init", "create or upgrade the database", "init", cmd_init},
    {"demo", "fill the database with a demo county", "demo [--entities N]", cmd_demo},
    {"user", "manage accounts",
     "user add NAME --role ROLE[,ROLE] --agency CODE [--display-name 姓名] --password-stdin\n"
     "       user passwd NAME --password-stdin\n       user list",
     cmd_user},
    {"token", "create an API token", "token create USERNAME [--name PURPOSE]", cmd_token},
    {"import", "import a registry or the power list from CSV/XLSX",
     "import entities|officers FILE [--skip-invalid] [--as USERNAME]\n"
     "       import power FILE [--preview] [--agency CODE] [--as USERNAME]",
     cmd_import},
    {"export", "export a registry or the power list to XLSX/CSV",
     "export entities|officers|power FILE.xlsx|FILE.csv [--as USERNAME]", cmd_export},
    {"backup", "online, consistent copy of the database, or of the evidence files",
     "backup FILE\n       backup evidence DIR", cmd_backup},
    {"agency", "manage agencies",
     "agency add CODE NAME [--parent CODE] [--short 简称] [--division CODE] [--level L]\n"
     "       agency list",
     cmd_agency},
    {"verify", "check the audit trail's hash chain, or the evidence files and their ledger",
     "verify audit [--against HEADS.jsonl [--public-key HEX]]\n"
     "       verify evidence [--copy DIR]",
     cmd_verify},
    {"audit", "the audit chain's signing key and signed heads",
     "audit keygen KEYFILE\n       audit sign --key KEYFILE\n       audit heads [FILE]", cmd_audit},
    {"migrate", "move a county's database into a provincial one",
     "migrate --from sqlite:COUNTY.db --to postgresql://USER@HOST/DB [--user-suffix SUFFIX]",
     cmd_migrate},
    {"calendar", "working days; load a year's holiday notice",
     "calendar add-workdays DATE N | calendar import FILE.json", cmd_calendar},
    {"key", "make the data key that seals personal data (complainants)", "key new KEYFILE",
     cmd_key},
    {"setting", "the periods an agency may set (投诉举报办理期限 …)",
     "setting list\n       setting set NAME VALUE", cmd_setting},
    {"draw", "recompute a random draw, or write out its pool snapshot",
     "draw verify PLAN\n       draw snapshot PLAN [FILE]", cmd_draw},
    {"publicity", "export the 双公示 data of the published items for the credit platforms",
     "publicity export --kind penalty|licence|no_penalty|inspection"
     " --format xlsx|csv|csv-gbk|json [--since YYYY-MM-DD] [--agency CODE] --out FILE",
     cmd_publicity},
};

static void usage_all(FILE *out)
{
    fprintf(out, "landun — 卫生健康行政执法平台\n\nusage: landun <command> [--db PATH|URL] ...\n\n"
                 "commands:\n");
    for (size_t i = 0; i < countof(commands); i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nEvery command takes --db (default %s), --data-key KEYFILE (or LANDUN_DATA_KEY),"
            " --evidence DIR (or LANDUN_EVIDENCE_DIR; default: DB.evidence beside a SQLite file,"
            " ./landun-evidence with PostgreSQL) and --help.\n",
            DEFAULT_DB);
}

static void usage_one(const struct command *cmd)
{
    printf("usage: landun %s\n\n%s.\n\noptions:\n  --db PATH|URL   database (default %s)\n"
           "  --help          this text\n",
           cmd->usage, cmd->summary, DEFAULT_DB);
}

int main(int argc, char **argv)
{
    crypto_setup();
    if (getenv("LANDUN_FAST_HASH")) crypto_set_fast_hashing(true);
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        usage_all(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const struct command *cmd = NULL;
    for (size_t i = 0; i < countof(commands); i++)
        if (strcmp(argv[1], commands[i].name) == 0) cmd = &commands[i];
    if (!cmd) {
        fprintf(stderr, "landun: unknown command '%s'\n\n", argv[1]);
        usage_all(stderr);
        return 2;
    }
    int n = argc - 2;
    char **rest = argv + 2;
    if (cli_flag(&n, rest, "--help") || cli_flag(&n, rest, "-h")) {
        usage_one(cmd);
        return 0;
    }
    struct cli c = {.prog = argv[0]};
    c.db = cli_option(&n, rest, "--db");
    if (!c.db) c.db = getenv("LANDUN_DB");
    if (!c.db) c.db = DEFAULT_DB;
    /* the evidence store: beside a SQLite file, else a directory every server shares
     * (docs/evidence.md) */
    c.evidence = cli_option(&n, rest, "--evidence");
    if (!c.evidence) c.evidence = getenv("LANDUN_EVIDENCE_DIR");
    if (!c.evidence) {
        bool url = strstr(c.db, "://") || str_prefix(c.db, "postgres");
        static char beside[4096];
        snprintf(beside, sizeof beside, "%s.evidence", c.db);
        c.evidence = url ? "landun-evidence" : beside;
    }
    /* the key that seals personal data lives outside the database (docs/complaints.md) */
    const char *key = cli_option(&n, rest, "--data-key"), *why;
    if (!key) key = getenv("LANDUN_DATA_KEY");
    if (key && *key && seal_load_key(key, &why)) {
        fprintf(stderr, "landun: %s：%s\n", why, key);
        return 1;
    }
    c.argc = n;
    c.argv = rest;
    return cmd->run(&c);
}
