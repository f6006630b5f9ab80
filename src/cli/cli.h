/* cli.h — shared pieces of the command-line tool. */
#ifndef LANDUN_CLI_H
#define LANDUN_CLI_H

#include "law/ctx.h"

#define DEFAULT_DB "var/landun.db"

/* Options every command understands, and the positional arguments left over. */
struct cli {
    const char *db;       /* --db URL or path */
    const char *evidence; /* --evidence DIR: the evidence store (recordings) */
    int argc;             /* positional arguments after the command words */
    char **argv;
    const char *prog; /* for messages */
};

/* An open database with the schema up to date and the calendar loaded, and a ctx acting as the
 * system (or as --as USER where a command allows it). */
struct cli_env {
    struct db *db;
    struct arena arena;
    struct calendar *cal;
    struct ctx ctx;
};

/* Open (creating the directory of a SQLite file if needed), migrate, seed the calendar. */
int cli_open(const char *db_url, struct cli_env *env, struct err *e);
void cli_close(struct cli_env *env);
/* url as messages and logs may show it: a password in a postgresql:// URL (user:secret@ or
 * password=secret) becomes ***. Written into out (n bytes), which is returned. */
const char *cli_db_shown(const char *url, char *out, size_t n);
/* Print an error (and its field messages) to stderr; returns 1 (the exit status). */
int cli_fail(const struct err *e);
/* Value of --name VALUE in argv (removing both), or NULL. */
const char *cli_option(int *argc, char **argv, const char *name);
/* True when --name is in argv (removed). */
bool cli_flag(int *argc, char **argv, const char *name);
/* Read a whole file (callers: import, calendar import); caller frees. NULL with e filled on
 * failure. */
char *cli_read_file(const char *path, size_t *len, struct err *e);
/* Progress line on a terminal (stderr is a tty): "\r<what> <n>". */
void cli_progress(const char *what, long done, long total);

/* Commands: each returns the exit status. */
int cmd_serve(struct cli *c);
int cmd_init(struct cli *c);
int cmd_demo(struct cli *c);
/* The demo's requests from the public (cli/demo_requests.c): complaints, petitions and disclosure
 * requests of the county 320412 at every stage of their workflows, taken in by the demo's clerk
 * and moved on by its leader and officer. Inside the caller's transaction. */
int demo_requests(struct ctx *c, struct err *e);
/* The demo's penalty cases (cli/demo_cases.c): the county 320412's cases in every state of their
 * workflow, dated back from now, applying the power list (load it first). Inside the caller's
 * transaction. */
int demo_cases(struct ctx *c, struct err *e);
/* The demo's enforcement devices (cli/demo_devices.c): the county 320412's, assigned to its
 * officers, pooled, under repair and retired. Inside the caller's transaction. */
int demo_devices(struct ctx *c, struct err *e);
/* The demo's publicity queue: what the other parts queued, published by the legal reviewer but
 * the newest few (demo_publicity.c). */
int demo_publicity(struct ctx *c, struct err *e);
int cmd_user(struct cli *c);
int cmd_token(struct cli *c);
int cmd_import(struct cli *c);
int cmd_export(struct cli *c);
int cmd_backup(struct cli *c);
int cmd_agency(struct cli *c);
int cmd_verify(struct cli *c);
/* `verify evidence [--copy DIR]` and `backup evidence DIR` (cli/evidence.c), called by
 * cmd_verify and cmd_backup: the recordings' ledger and files checked, or copied to dest. */
int cli_verify_evidence(struct cli *c, const char *copy);
int cli_backup_evidence(struct cli *c, const char *dest);
int cmd_audit(struct cli *c);
int cmd_migrate(struct cli *c);
int cmd_calendar(struct cli *c);
int cmd_draw(struct cli *c);
int cmd_key(struct cli *c);
int cmd_setting(struct cli *c);
/* `publicity export …` (cli/publicity.c): the 双公示 data as a file. */
int cmd_publicity(struct cli *c);

#endif
