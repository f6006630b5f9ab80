/* evidence.c — `landun verify evidence` and `landun backup evidence DEST`: the recordings'
 * ledger and files checked, copied out, and a copy checked without the database
 * (law/recording_verify.h, docs/evidence.md). */
#include "cli/cli.h"
#include "law/recording_verify.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Print one finding (recording_finding_fn). */
static void print_finding(const char *msg, void *arg)
{
    (void)arg;
    printf("%s\n", msg);
}

/* Open the evidence store c->evidence, which must exist (a check creates nothing). */
static int open_store(const struct cli *c, struct blob_store **s, struct err *e)
{
    struct stat sb;
    if (stat(c->evidence, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return err_set(e, ERR_NOTFOUND, "证据文件目录不存在：%s（用 --evidence DIR 指定）",
                       c->evidence);
    return blob_open(c->evidence, s, e);
}

/* The summary line; 1 when something was found. */
static int report(const struct recording_check *ck)
{
    printf("%" PRId64 " 条记录，%" PRId64 " 个文件（%" PRId64 " 字节），", ck->entries, ck->files,
           ck->bytes);
    if (!ck->findings) {
        printf("全部一致\n");
        return 0;
    }
    printf("发现 %" PRId64 " 处问题\n", ck->findings);
    return 1;
}

int cli_verify_evidence(struct cli *c, const char *copy)
{
    struct err e = {0};
    struct recording_check ck = {0};
    if (copy) {
        if (recording_verify_copy(copy, print_finding, NULL, &ck, &e)) return cli_fail(&e);
        return report(&ck);
    }
    struct cli_env env;
    struct blob_store *s = NULL;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = open_store(c, &s, &e);
    if (!rc) rc = recording_verify(env.db, s, print_finding, NULL, &ck, &e);
    rc = rc ? cli_fail(&e) : report(&ck);
    blob_close(s);
    cli_close(&env);
    return rc;
}

int cli_backup_evidence(struct cli *c, const char *dest)
{
    struct err e = {0};
    struct cli_env env;
    struct blob_store *s = NULL;
    struct recording_backup_result r = {0};
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = open_store(c, &s, &e);
    if (!rc) rc = recording_backup(env.db, s, dest, env.ctx.now, print_finding, NULL, &r, &e);
    if (rc) {
        rc = cli_fail(&e);
    } else {
        printf("台账 %" PRId64 " 条已写入 %s/%s；复制 %" PRId64 " 个新文件（%" PRId64
               " 字节），%" PRId64 " 个文件已在副本中\n",
               r.entries, dest, RECORDING_LEDGER_FILE, r.copied, r.copied_bytes, r.present);
        if (r.failed) printf("%" PRId64 " 个文件未能复制（见上）\n", r.failed);
        rc = r.failed ? 1 : 0;
    }
    blob_close(s);
    cli_close(&env);
    return rc;
}
