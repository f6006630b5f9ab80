/* test_cli.c — the command line as an operator uses it: `landun calendar` counting working days
 * (暂定 after a provisional answer), loading a year's notice (every problem on stderr, nothing
 * loaded; or the provisional deadlines recounted), LANDUN_NOW checked before anything runs, and
 * the audit chain's signing key and signed heads, the evidence files checked and backed up, and
 * the 双公示 export.
 * The binary under test is $LANDUN_BIN, on a SQLite file of its own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64]; /* the test's files */

/* Run the binary with args (a shell-quoted string) and env (e.g. "LANDUN_NOW=…", or ""); its
 * stdout and stderr go to out (up to n bytes, NUL-terminated). Returns the exit status. */
static int run(const char *env, const char *args, char *out, size_t n)
{
    const char *bin = getenv("LANDUN_BIN");
    if (!bin) fail_msg("LANDUN_BIN is not set");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "env %s '%s' %s --db %s/cli.db > %s/out 2>&1", env, bin, args, dir,
             dir);
    int status = system(cmd);
    char path[128];
    snprintf(path, sizeof path, "%s/out", dir);
    FILE *f = fopen(path, "r");
    size_t got = f ? fread(out, 1, n - 1, f) : 0;
    out[got] = 0;
    if (f) fclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Write text to dir/name. */
static void write_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_calendar_commands(void **state)
{
    (void)state;
    char out[4096];
    assert_int_equal(run("", "init", out, sizeof out), 0);
    /* 2026-12-31 (1), 2027-01-01 元旦 by 放假办法, 01-04 .. 01-07 (2–5) */
    assert_int_equal(run("", "calendar add-workdays 2026-12-30 5", out, sizeof out), 0);
    assert_string_equal(out, "2027-01-07 暂定（所跨年度的节假日安排尚未载入）\n");
    assert_int_equal(run("", "calendar add-workdays 2026-12-01 5", out, sizeof out), 0);
    assert_string_equal(out, "2026-12-08\n");
    assert_int_equal(run("", "calendar add-workdays 2026-12-01", out, sizeof out), 2);

    write_file("bad.json", "{\"year\": 2027, \"days\": [{\"name\": \"春节\", \"date\": "
                           "\"2027-02-10\", \"isOffDay\": false}, {\"name\": \"x\", \"date\": "
                           "\"2027-13-01\", \"isOffDay\": true}]}");
    char args[256];
    snprintf(args, sizeof args, "calendar import %s/bad.json", dir);
    assert_int_equal(run("", args, out, sizeof out), 1);
    assert_non_null(strstr(out, "第 1 项：2027-02-10 是星期三，调休上班日应为星期六或星期日\n"));
    assert_non_null(strstr(out, "第 2 项的日期（date）无效"));
    assert_int_equal(run("", "calendar add-workdays 2026-12-30 5", out, sizeof out), 0);
    assert_non_null(strstr(out, "暂定")); /* nothing was loaded */

    /* tests/data: an arrangement invented for the tests, 2027-01-04 off as well */
    const char *src = getenv("LANDUN_SRCDIR");
    snprintf(args, sizeof args, "calendar import %s/tests/data/notice_2027_test.json",
             src ? src : ".");
    assert_int_equal(run("", args, out, sizeof out), 0);
    assert_non_null(strstr(out, "2027 年节假日安排已载入：重算暂定期限 0 个"));
    assert_int_equal(run("", "calendar add-workdays 2026-12-30 5", out, sizeof out), 0);
    assert_string_equal(out, "2027-01-08\n");
    snprintf(args, sizeof args, "calendar import %s/missing.json", dir);
    assert_int_equal(run("", args, out, sizeof out), 1);
}

static void test_landun_now_is_checked(void **state)
{
    (void)state;
    char out[1024];
    assert_int_not_equal(
        run("LANDUN_NOW=2026-02-30", "calendar add-workdays 2026-12-01 1", out, sizeof out), 0);
    assert_non_null(strstr(out, "LANDUN_NOW=2026-02-30"));
}

/* The operator's round: a key, a head signed on demand, the heads exported and the chain
 * checked against them; a key others can read, a forged head and the wrong public key are
 * refused. */
static void test_audit_heads_round_trip(void **state)
{
    (void)state;
    char out[4096], args[512], key[128];
    assert_int_equal(run("", "init", out, sizeof out), 0);
    snprintf(args, sizeof args, "audit keygen %s/audit.key", dir);
    assert_int_equal(run("", args, out, sizeof out), 0);
    const char *pk = strstr(out, "public key: ");
    assert_non_null(pk);
    snprintf(key, sizeof key, "%.64s", pk + 12);
    assert_int_equal(run("", args, out, sizeof out), 1); /* never overwritten */
    assert_non_null(strstr(out, "已存在"));
    snprintf(args, sizeof args, "audit sign --key %s/audit.key", dir);
    assert_int_equal(run("", args, out, sizeof out), 0);
    assert_non_null(strstr(out, "signed head: row "));
    snprintf(args, sizeof args, "audit heads %s/heads.jsonl", dir);
    assert_int_equal(run("", args, out, sizeof out), 0);
    snprintf(args, sizeof args, "verify audit --against %s/heads.jsonl --public-key %s", dir, key);
    assert_int_equal(run("", args, out, sizeof out), 0);
    if (!strstr(out, "signatures valid: 1 (by the given key), reproduced by the chain: 1"))
        fail_msg("%s", out);
    /* the independent checker agrees, without the database */
    char cmd[768];
    snprintf(
        cmd, sizeof cmd,
        "python3 '%s/tools/audit_heads_verify.py' %s/heads.jsonl --public-key %s > %s/py.out 2>&1",
        getenv("LANDUN_SRCDIR"), dir, key, dir);
    if (system(cmd) != 0) fail_msg("audit_heads_verify.py refused the heads");
    /* another key expected: refused */
    snprintf(args, sizeof args, "verify audit --against %s/heads.jsonl --public-key %064d", dir, 0);
    assert_int_equal(run("", args, out, sizeof out), 1);
    assert_non_null(strstr(out, "DIFFERS"));
    /* a head edited by hand: its signature fails */
    char path[128], line[1024] = "";
    snprintf(path, sizeof path, "%s/heads.jsonl", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    char *hash = strstr(line, "\"hash\":\"");
    assert_non_null(hash);
    hash[8] = hash[8] == 'a' ? 'b' : 'a';
    write_file("forged.jsonl", line);
    snprintf(args, sizeof args, "verify audit --against %s/forged.jsonl", dir);
    assert_int_equal(run("", args, out, sizeof out), 1);
    assert_non_null(strstr(out, "第 1 行的链头签名无效"));
    snprintf(cmd, sizeof cmd,
             "python3 '%s/tools/audit_heads_verify.py' %s/forged.jsonl > %s/py.out 2>&1",
             getenv("LANDUN_SRCDIR"), dir, dir);
    assert_int_not_equal(system(cmd), 0);
    /* not a heads file */
    write_file("bad.jsonl", "hello\n");
    snprintf(args, sizeof args, "verify audit --against %s/bad.jsonl", dir);
    assert_int_equal(run("", args, out, sizeof out), 1);
    assert_non_null(strstr(out, "第 1 行不是签署的链头"));
    /* a key file others can read */
    snprintf(args, sizeof args, "chmod 644 %s/audit.key", dir);
    assert_int_equal(system(args), 0);
    snprintf(args, sizeof args, "audit sign --key %s/audit.key", dir);
    assert_int_equal(run("", args, out, sizeof out), 1);
    assert_non_null(strstr(out, "权限过宽"));
}

/* The empty file's SHA-256: an object anyone can place by hand. */
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static void test_r_evd_22_r_evd_24_verify_and_backup_evidence(void **state)
{
    (void)state;
    char out[4096], args[512];
    assert_int_equal(run("", "init", out, sizeof out), 0);
    snprintf(args, sizeof args, "verify evidence --evidence %s/none", dir);
    assert_int_equal(run("", args, out, sizeof out), 1);
    assert_non_null(strstr(out, "证据文件目录不存在"));
    /* an empty store and ledger: consistent */
    snprintf(args, sizeof args, "mkdir -p %s/cli.db.evidence/objects/e3/b0", dir);
    assert_int_equal(system(args), 0);
    assert_int_equal(run("", "verify evidence", out, sizeof out), 0);
    assert_non_null(strstr(out, "0 条记录，0 个文件（0 字节），全部一致"));
    snprintf(args, sizeof args, "backup evidence %s/copy", dir);
    assert_int_equal(run("", args, out, sizeof out), 0);
    assert_non_null(strstr(out, "复制 0 个新文件"));
    snprintf(args, sizeof args, "verify evidence --copy %s/copy", dir);
    assert_int_equal(run("", args, out, sizeof out), 0);
    assert_non_null(strstr(out, "全部一致"));
    /* a file no entry names, in the store and in the copy */
    write_file("cli.db.evidence/objects/e3/b0/" EMPTY_SHA256, "");
    assert_int_equal(run("", "verify evidence", out, sizeof out), 1);
    assert_non_null(strstr(out, "多出的文件：SHA-256 " EMPTY_SHA256));
    assert_non_null(strstr(out, "发现 1 处问题"));
    snprintf(args, sizeof args, "mkdir -p %s/copy/objects/e3/b0", dir);
    assert_int_equal(system(args), 0);
    write_file("copy/objects/e3/b0/" EMPTY_SHA256, "");
    snprintf(args, sizeof args, "verify evidence --copy %s/copy", dir);
    assert_int_equal(run("", args, out, sizeof out), 1);
    assert_non_null(strstr(out, "多出的文件"));
    snprintf(args, sizeof args, "verify evidence --copy %s/nothing", dir);
    assert_int_equal(run("", args, out, sizeof out), 1);
    assert_non_null(strstr(out, "不是执法记录的备份"));
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/landun-cli-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* `publicity export`: the file with its header row, and every wrong option named at once. */
static void test_publicity_export_command(void **state)
{
    (void)state;
    char out[4096], args[512];
    assert_int_equal(run("", "init", out, sizeof out), 0);
    snprintf(args, sizeof args,
             "publicity export --kind licence --format csv --since 2026-12-01 --out %s/l.csv", dir);
    assert_int_equal(run("", args, out, sizeof out), 0);
    if (!strstr(out, "l.csv: 0 rows")) fail_msg("%s", out);
    char path[128], head[2048] = "";
    snprintf(path, sizeof path, "%s/l.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(head, sizeof head, f));
    fclose(f);
    assert_true(strncmp(head, "\xEF\xBB\xBF行政许可决定文书号,行政许可决定文书名称,", 3 + 59) == 0);
    assert_non_null(strstr(head, ",备注,公示状态,状态说明\r\n"));
    snprintf(args, sizeof args,
             "publicity export --kind fines --format pdf --since 2026-02-30 --out %s/x.csv", dir);
    assert_int_equal(run("", args, out, sizeof out), 1);
    assert_non_null(strstr(out, "format: "));
    assert_non_null(strstr(out, "kind: "));
    assert_non_null(strstr(out, "since: "));
    snprintf(path, sizeof path, "%s/x.csv", dir);
    assert_int_equal(access(path, F_OK), -1); /* nothing written */
    assert_int_equal(run("", "publicity export --kind penalty", out, sizeof out), 2);
    assert_non_null(strstr(out, "usage: landun publicity export"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar_commands),
        cmocka_unit_test(test_landun_now_is_checked),
        cmocka_unit_test(test_audit_heads_round_trip),
        cmocka_unit_test(test_r_evd_22_r_evd_24_verify_and_backup_evidence),
        cmocka_unit_test(test_publicity_export_command),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
