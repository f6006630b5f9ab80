/* ngram.c — the SQLite FTS5 tokenizer "landun_ngram": Chinese-friendly fragment search.
 *
 * Documents are indexed as every single character plus every pair of adjacent characters (the
 * pair is colocated with its first character). A query of one character looks up that character;
 * a longer one becomes the phrase of its adjacent pairs, which matches exactly the texts that
 * contain it as a fragment. So fragments of any length, one character included, are found
 * through the index. ASCII letters fold to lower case; ASCII punctuation and white space are
 * dropped on both sides, so "长虹路 88" finds "长虹路88号". */
#include "store/ngram.h"
#include "base/util.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* Length of the UTF-8 sequence starting at s (1 for bytes that cannot start one). */
static int seq_len(unsigned char c)
{
    if (c < 0x80) return 1;
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

/* One kept character: where it is in the text and its (folded) bytes. */
struct ch {
    int start, end; /* byte offsets in the text */
    char b[4];      /* bytes, ASCII folded */
    int n;          /* byte count */
};

/* Split text into kept characters; returns the count (caller frees *out). */
static int split(const char *text, int len, struct ch **out)
{
    struct ch *cs = xmalloc((size_t)(len > 0 ? len : 1) * sizeof *cs);
    int n = 0;
    for (int i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        int k = seq_len(c);
        if (i + k > len) k = len - i;
        if (k == 1 &&
            !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            i++;
            continue; /* ASCII space, punctuation, control, or a stray byte */
        }
        struct ch *ch = &cs[n++];
        ch->start = i;
        ch->end = i + k;
        ch->n = k;
        memcpy(ch->b, text + i, (size_t)k);
        if (k == 1 && c >= 'A' && c <= 'Z') ch->b[0] = (char)(c + 32);
        i += k;
    }
    *out = cs;
    return n;
}

typedef int (*token_fn)(void *, int, const char *, int, int, int);

static int emit_pair(void *ctx, token_fn tok, int flags, const struct ch *a, const struct ch *b)
{
    char pair[8];
    memcpy(pair, a->b, (size_t)a->n);
    memcpy(pair + a->n, b->b, (size_t)b->n);
    return tok(ctx, flags, pair, a->n + b->n, a->start, b->end);
}

static int ngram_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                          token_fn tok)
{
    (void)t;
    struct ch *cs;
    int n = split(text, len, &cs), rc = SQLITE_OK;
    bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    if (query && n == 1) {
        rc = tok(ctx, 0, cs[0].b, cs[0].n, cs[0].start, cs[0].end);
    } else if (query) {
        for (int i = 0; i + 1 < n && rc == SQLITE_OK; i++)
            rc = emit_pair(ctx, tok, 0, &cs[i], &cs[i + 1]);
    } else {
        for (int i = 0; i < n && rc == SQLITE_OK; i++) {
            rc = tok(ctx, 0, cs[i].b, cs[i].n, cs[i].start, cs[i].end);
            if (rc == SQLITE_OK && i + 1 < n)
                rc = emit_pair(ctx, tok, FTS5_TOKEN_COLOCATED, &cs[i], &cs[i + 1]);
        }
    }
    free(cs);
    return rc;
}

static int ngram_create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
    (void)ctx, (void)args, (void)nargs;
    static int instance; /* stateless: any non-NULL handle will do */
    *out = (Fts5Tokenizer *)&instance;
    return SQLITE_OK;
}

static void ngram_delete(Fts5Tokenizer *t)
{
    (void)t;
}

int ngram_register(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2) return -1;
    static fts5_tokenizer tokenizer = {ngram_create, ngram_delete, ngram_tokenize};
    return api->xCreateTokenizer(api, "landun_ngram", NULL, &tokenizer, NULL) == SQLITE_OK ? 0 : -1;
}
