/* fuzz_heads.c — libFuzzer target for anchor_parse: a file of published audit heads is outside
 * input (`landun verify audit --against FILE`, downloaded from wherever it was kept).
 *
 * Any bytes: a refused file leaves ERR_INVALID with a message and no heads; an accepted one
 * gives heads in ascending row order whose fields have the published shapes, and their
 * signatures can be checked (a random one never verifies under a key it was not made with).
 */
#include <stdlib.h>
#include <string.h>

#include "law/anchor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct anchor_head *heads = NULL;
    size_t n = 99;
    struct err e = {0};
    if (anchor_parse((const char *)data, size, &heads, &n, &e)) {
        if (e.code != ERR_INVALID || !e.msg[0] || heads || n) abort();
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        const struct anchor_head *h = &heads[i];
        if (h->last_id < 0 || strlen(h->hash) != 64 || strlen(h->public_key) != 64 ||
            strlen(h->signature) != 128 || h->line == 0)
            abort();
        if (i && heads[i - 1].last_id > h->last_id) abort();
        struct buf b = {0};
        anchor_statement(h, &b);
        (void)sign_verify(h->public_key, b.p, b.len, h->signature);
        buf_free(&b);
    }
    free(heads);
    return 0;
}
