/* audit.c — `landun verify audit` and `landun audit`: the chain, its signing key and its signed
 * heads (law/anchor.h). */
#include "cli/cli.h"
#include "law/anchor.h"
#include "law/audit.h"
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Check each chain archived by landun migrate; 1 when one is broken. */
static int verify_archives(struct db *db, struct err *e)
{
    json_t *list = audit_verify_archives(db, e), *a;
    if (!list) return cli_fail(e);
    int bad = 0;
    size_t i;
    json_array_foreach(list, i, a)
    {
        const char *source = json_string_value(json_object_get(a, "source"));
        long long rows = json_integer_value(json_object_get(a, "rows"));
        if (json_is_true(json_object_get(a, "intact"))) {
            printf("archived audit trail of %s intact: %lld rows\n", source, rows);
            continue;
        }
        bad = 1;
        printf("archived audit trail of %s BROKEN", source);
        long long at = json_integer_value(json_object_get(a, "broken_id"));
        if (at) printf(" at row %lld", at);
        printf(": %s\n", json_string_value(json_object_get(a, "reason")));
    }
    json_decref(list);
    return bad;
}

/* The chain's own verdict; 1 when broken. */
static int report_chain(const struct audit_check *check)
{
    if (check->broken_id) {
        printf("audit trail BROKEN at row %lld: %s (%lld rows before it are intact)\n",
               (long long)check->broken_id, check->reason, (long long)check->rows);
        return 1;
    }
    printf("audit trail intact: %lld rows\n", (long long)check->rows);
    return 0;
}

/* The chain against the signed heads in file; 1 when a head fails or is not reproduced. */
static int verify_against(struct db *db, const char *file, const char *public_key, struct err *e)
{
    size_t len, n;
    char *text = cli_read_file(file, &len, e);
    struct anchor_head *heads = NULL;
    if (!text || anchor_parse(text, len, &heads, &n, e)) {
        free(text);
        return -1;
    }
    free(text);
    struct anchor_check ck;
    struct audit_check chain;
    int rc = anchor_check(db, heads, n, public_key, &ck, &chain, e);
    if (!rc) {
        int bad = report_chain(&chain);
        printf("signed heads in %s: %zu, signatures valid: %zu%s, reproduced by the chain: %zu\n",
               file, ck.heads, ck.signed_ok, public_key ? " (by the given key)" : "", ck.matched);
        if (!public_key && n)
            printf("signed by key %s: compare it with the key your agency published\n",
                   heads[0].public_key);
        if (*ck.reason) printf("DIFFERS: %s\n", ck.reason);
        rc = bad || *ck.reason ? 1 : 0;
    }
    free(heads);
    return rc;
}

int cmd_verify(struct cli *c)
{
    const char *against = cli_option(&c->argc, c->argv, "--against");
    const char *key = cli_option(&c->argc, c->argv, "--public-key");
    const char *copy = cli_option(&c->argc, c->argv, "--copy");
    bool evidence = c->argc == 1 && strcmp(c->argv[0], "evidence") == 0;
    if (evidence && !against && !key) return cli_verify_evidence(c, copy);
    if (c->argc != 1 || strcmp(c->argv[0], "audit") != 0 || (key && !against) || copy) {
        fprintf(stderr, "usage: landun verify audit [--against HEADS.jsonl [--public-key HEX]]\n"
                        "       landun verify evidence [--copy DIR]\n");
        return 2;
    }
    struct err e = {0};
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc;
    if (against) {
        rc = verify_against(env.db, against, key, &e);
    } else {
        struct audit_check check;
        rc = audit_verify(env.db, &check, &e);
        if (!rc) rc = report_chain(&check);
    }
    if (rc < 0) rc = cli_fail(&e);
    if (rc >= 0 && verify_archives(env.db, &e)) rc = 1;
    cli_close(&env);
    return rc;
}

static int audit_usage(void)
{
    fprintf(stderr, "usage: landun audit keygen KEYFILE\n"
                    "       landun audit sign --key KEYFILE\n"
                    "       landun audit heads [FILE]\n");
    return 2;
}

/* A new signing key; the public key on stdout. */
static int keygen(const char *path)
{
    struct err e = {0};
    struct anchor_key k;
    if (anchor_key_create(path, &k, &e)) return cli_fail(&e);
    printf("signing key written to %s (keep it off the database server's backups)\n"
           "public key: %s\n",
           path, k.public_key);
    return 0;
}

/* Sign the chain's head now. */
static int sign_now(struct cli_env *env, const char *path)
{
    struct err e = {0};
    struct anchor_key k;
    bool made;
    if (anchor_key_load(path, &k, &e) || anchor_sign(&env->ctx, &k, false, &made, &e))
        return cli_fail(&e);
    json_t *list = anchor_list(&env->ctx, 1, &e);
    json_t *h = json_array_get(list, 0);
    printf("signed head: row %lld, hash %s, at %s, key %s\n",
           (long long)json_integer_value(json_object_get(h, "last_id")),
           json_string_value(json_object_get(h, "hash")),
           json_string_value(json_object_get(h, "time")), k.public_key);
    json_decref(list);
    return 0;
}

/* Every signed head as JSON lines, to path or stdout. */
static int heads(struct cli_env *env, const char *path)
{
    struct err e = {0};
    struct buf b = {0};
    if (anchor_export(&env->ctx, &b, &e)) {
        buf_free(&b);
        return cli_fail(&e);
    }
    FILE *f = path ? fopen(path, "wb") : stdout;
    int rc = 0;
    if (!f || fwrite(b.p ? b.p : "", 1, b.len, f) != b.len) rc = 1;
    if (f && f != stdout && fclose(f) != 0) rc = 1;
    if (rc) fprintf(stderr, "landun: cannot write %s\n", path ? path : "stdout");
    buf_free(&b);
    return rc;
}

int cmd_audit(struct cli *c)
{
    const char *key = cli_option(&c->argc, c->argv, "--key");
    if (c->argc == 2 && strcmp(c->argv[0], "keygen") == 0) return keygen(c->argv[1]);
    bool sign = c->argc == 1 && strcmp(c->argv[0], "sign") == 0 && key;
    bool list = c->argc >= 1 && c->argc <= 2 && strcmp(c->argv[0], "heads") == 0;
    if (!sign && !list) return audit_usage();
    struct err e = {0};
    struct cli_env env;
    if (cli_open(c->db, &env, &e)) return cli_fail(&e);
    int rc = sign ? sign_now(&env, key) : heads(&env, c->argc == 2 ? c->argv[1] : NULL);
    cli_close(&env);
    return rc;
}
