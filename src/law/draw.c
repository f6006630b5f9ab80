/* draw.c — the verifiable draw: snapshot, commitment, keyed stream, Fisher–Yates, teams.
 * The algorithm is specified in docs/draw.md; tools/draw_verify.py re-implements it. */
#include "law/draw.h"
#include "law/enforce.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the pool and its commitment ---------------------------------------------------------- */

/* True for a stratum code. */
static bool is_stratum(char c)
{
    return c && strchr(DRAW_STRATA, c) != NULL;
}

/* Write v (> 0) in decimal at out; returns the digits written. */
static size_t put_id(char *out, int64_t v)
{
    char tmp[24];
    size_t n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* [R-DRAW-01] the pool frozen as one canonical text, sorted by id */
int draw_snapshot(const struct draw_entry *pool, size_t n, bool stratified, struct buf *out,
                  struct err *e)
{
    size_t need = 0;
    for (size_t i = 0; i < n; i++) {
        if (pool[i].id <= 0 || (i && pool[i].id <= pool[i - 1].id))
            return err_set(e, ERR_INVALID, "抽取池未按编号升序排列（第%zu项）", i + 1);
        if (stratified && !is_stratum(pool[i].stratum))
            return err_set(e, ERR_INVALID, "抽取池第%zu项缺少风险等级", i + 1);
        need += 19 + 1 + (pool[i].name ? strlen(pool[i].name) : 0) + 2 + 1;
    }
    buf_grow(out, need + 1);
    char *p = out->p + out->len;
    for (size_t i = 0; i < n; i++) {
        p += put_id(p, pool[i].id);
        *p++ = '\t';
        size_t len = pool[i].name ? strlen(pool[i].name) : 0;
        memcpy(p, pool[i].name ? pool[i].name : "", len);
        for (size_t j = 0; j < len; j++) /* one line per entity: no tab or line break inside */
            if (p[j] == '\t' || p[j] == '\r' || p[j] == '\n') p[j] = ' ';
        p += len;
        if (stratified) {
            *p++ = '\t';
            *p++ = pool[i].stratum;
        }
        *p++ = '\n';
    }
    out->len = (size_t)(p - out->p);
    out->p[out->len] = 0;
    return 0;
}

/* [R-DRAW-01] the commitment published before the seed is known */
void draw_commitment(const char *snapshot, size_t len, char hex[DRAW_HASH_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)snapshot, len);
    sodium_bin2hex(hex, DRAW_HASH_HEX, h, sizeof h);
}

/* Parse a canonical id (digits, no sign, no leading zero, > 0) of len bytes. */
static bool parse_id(const char *s, size_t len, int64_t *out)
{
    if (len == 0 || len > 18 || s[0] == '0') return false;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Parse a snapshot: the lines of text (len bytes) into *pool, exactly allocated. With w (the
 * same bytes, writable) names are NUL-terminated in place and point into w; without, names are
 * NULL and text is only read. */
static int parse_lines(const char *text, size_t len, char *w, struct draw_entry **pool, size_t *n,
                       bool *stratified, struct err *e)
{
    size_t lines = 0, count = 0, line = 0;
    for (const char *q = text, *end = text + len; q < end; q++) {
        q = memchr(q, '\n', (size_t)(end - q));
        if (!q) break;
        lines++;
    }
    struct draw_entry *arr = xmalloc((lines ? lines : 1) * sizeof *arr);
    int fields = 0; /* 2 or 3, fixed by the first line */
    const char *p = text, *end = text + len;
    while (p < end) {
        line++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) goto bad;
        const char *tab1 = memchr(p, '\t', (size_t)(nl - p));
        if (!tab1) goto bad;
        const char *tab2 = memchr(tab1 + 1, '\t', (size_t)(nl - tab1 - 1));
        int f = tab2 ? 3 : 2;
        if (!fields) fields = f;
        if (f != fields) goto bad;
        struct draw_entry en = {0};
        if (!parse_id(p, (size_t)(tab1 - p), &en.id)) goto bad;
        if (count && en.id <= arr[count - 1].id) goto bad;
        if (memchr(tab1 + 1, '\r', (size_t)(nl - tab1 - 1))) goto bad;
        if (tab2) {
            if (nl - tab2 != 2 || !is_stratum(tab2[1])) goto bad;
            en.stratum = tab2[1];
        }
        if (w) {
            w[(tab2 ? tab2 : nl) - text] = 0;
            en.name = w + (tab1 + 1 - text);
        }
        arr[count++] = en;
        p = nl + 1;
    }
    *pool = arr;
    *n = count;
    *stratified = fields == 3;
    return 0;
bad:
    free(arr);
    return err_set(e, ERR_INVALID,
                   "快照第%zu行不符合格式（编号<TAB>名称[<TAB>风险等级]，按编号升序）", line);
}

int draw_snapshot_parse(char *text, size_t len, struct draw_entry **pool, size_t *n,
                        bool *stratified, struct err *e)
{
    return parse_lines(text, len, text, pool, n, stratified, e);
}

/* [R-DRAW-11] a natural person's name in publicity: the first character only */
void draw_mask_name(const char *name, char *out, size_t n)
{
    size_t first = 1; /* bytes of the first UTF-8 character */
    unsigned char c = (unsigned char)(name ? name[0] : 0);
    if (!c || n < 8) {
        snprintf(out, n, "*");
        return;
    }
    if (c >= 0xF0)
        first = 4;
    else if (c >= 0xE0)
        first = 3;
    else if (c >= 0xC0)
        first = 2;
    if (strnlen(name, first) < first) first = strlen(name);
    size_t rest = utf8_len(name + first), o = 0;
    if (rest == 0) { /* a one-character name shows nothing */
        snprintf(out, n, "*");
        return;
    }
    memcpy(out, name, first);
    o = first;
    for (size_t i = 0; i < rest && o + 1 < n; i++)
        out[o++] = '*';
    out[o] = 0;
}

/* ---- the stream ----------------------------------------------------------------------------- */

/* [R-DRAW-02] the published seed alone decides the draw: key, stream and selection */
void draw_key(const char *seed, uint8_t key[DRAW_KEY_BYTES])
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)DRAW_DOMAIN, strlen(DRAW_DOMAIN) + 1);
    crypto_hash_sha256_update(&st, (const unsigned char *)seed, strlen(seed));
    crypto_hash_sha256_final(&st, key);
}

void draw_stream_init(struct draw_stream *s, const uint8_t key[DRAW_KEY_BYTES], const char *purpose)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)purpose, strlen(purpose));
    memcpy(s->key, key, DRAW_KEY_BYTES);
    memcpy(s->nonce, h, sizeof s->nonce);
    s->counter = 0;
    s->blocks = 1;
    s->pos = sizeof s->buf; /* nothing generated yet */
}

/* Generate the next blocks of keystream: one block at first, twice as many each time up to
 * the whole buffer, so that a team's short stream costs one block and a pool's long one few
 * calls. (The keystream is the same however it is cut.) */
static void refill(struct draw_stream *s)
{
    static const uint8_t zeros[sizeof s->buf];
    size_t bytes = (size_t)s->blocks * 64;
    if (s->counter > UINT32_MAX - s->blocks) fatal("draw stream exhausted");
    crypto_stream_chacha20_ietf_xor_ic(s->buf + sizeof s->buf - bytes, zeros, bytes, s->nonce,
                                       s->counter, s->key);
    s->counter += s->blocks;
    s->pos = sizeof s->buf - bytes;
    if (bytes < sizeof s->buf) s->blocks *= 2;
}

uint64_t draw_stream_u64(struct draw_stream *s)
{
    if (s->pos + 8 > sizeof s->buf) refill(s);
    const uint8_t *b = s->buf + s->pos;
    s->pos += 8;
    uint64_t x = 0;
    for (int i = 7; i >= 0; i--)
        x = x << 8 | b[i];
    return x;
}

uint64_t draw_uniform(struct draw_stream *s, uint64_t n)
{
    uint64_t r = (0 - n) % n; /* 2^64 mod n */
    uint64_t x;
    do
        x = draw_stream_u64(s);
    while (x > UINT64_MAX - r); /* x must be below 2^64 − r, a multiple of n */
    return x % n;
}

void draw_select(struct draw_stream *s, uint32_t n, uint32_t k, uint32_t *out)
{
    if (k > n) fatal("draw_select: k %u > n %u", k, n);
    uint32_t *a = xmalloc((n ? n : 1) * sizeof *a);
    for (uint32_t i = 0; i < n; i++)
        a[i] = i;
    for (uint32_t i = 0; i < k; i++) {
        uint32_t j = i + (uint32_t)draw_uniform(s, n - i);
        uint32_t t = a[i];
        a[i] = a[j];
        a[j] = t;
        out[i] = a[i];
    }
    free(a);
}

/* ---- entities ------------------------------------------------------------------------------- */

size_t draw_quota_k(const struct draw_quota *q, char stratum, size_t n_s)
{
    if (q->by_count) return q->count < 0 ? 0 : (size_t)q->count < n_s ? (size_t)q->count : n_s;
    int bp = q->ratio_bp;
    const char *at = stratum ? strchr(DRAW_STRATA, stratum) : NULL;
    if (q->stratified && at && q->grade_bp[at - DRAW_STRATA] >= 0)
        bp = q->grade_bp[at - DRAW_STRATA];
    if (bp <= 0) return 0;
    if (bp >= DRAW_RATIO_FULL) return n_s;
    /* [R-DRAW-03] 国办发〔2015〕58号: the ratio is a minimum, so a part of an entity counts as
     * one */
    return (size_t)(((uint64_t)n_s * (uint64_t)bp + DRAW_RATIO_FULL - 1) / DRAW_RATIO_FULL);
}

void draw_entities(const struct draw_entry *pool, size_t n, const struct draw_quota *q,
                   const uint8_t key[DRAW_KEY_BYTES], struct draw_pick **picks, size_t *npicks)
{
    int nstrata = q->stratified ? DRAW_NSTRATA : 1;
    size_t size[DRAW_NSTRATA] = {0}, k[DRAW_NSTRATA], total = 0;
    for (size_t i = 0; q->stratified && i < n; i++)
        for (int s = 0; s < DRAW_NSTRATA; s++)
            size[s] += pool[i].stratum == DRAW_STRATA[s];
    if (!q->stratified) size[0] = n;
    for (int s = 0; s < nstrata; s++)
        total += k[s] = draw_quota_k(q, q->stratified ? DRAW_STRATA[s] : 0, size[s]);
    struct draw_pick *out = xmalloc((total ? total : 1) * sizeof *out);
    size_t nout = 0;
    /* pool positions of a stratum (the whole pool needs no list) */
    size_t *members = q->stratified ? xmalloc((n ? n : 1) * sizeof *members) : NULL;
    for (int s = 0; s < nstrata; s++) {
        char code = q->stratified ? DRAW_STRATA[s] : 0;
        size_t m = 0;
        for (size_t i = 0; members && i < n; i++)
            if (pool[i].stratum == code) members[m++] = i;
        if (!members) m = n;
        if (k[s] == 0) continue;
        char purpose[16];
        snprintf(purpose, sizeof purpose, code ? "entities:%c" : "entities", code);
        struct draw_stream st;
        draw_stream_init(&st, key, purpose);
        uint32_t *sel = xmalloc(k[s] * sizeof *sel);
        draw_select(&st, (uint32_t)m, (uint32_t)k[s], sel);
        for (size_t i = 0; i < k[s]; i++) {
            size_t at = members ? members[sel[i]] : sel[i];
            out[nout++] = (struct draw_pick){pool[at].id, at, code};
        }
        free(sel);
    }
    free(members);
    *picks = out;
    *npicks = nout;
}

int draw_verify(const char *snapshot, size_t len, const char *commitment, const char *seed,
                const struct draw_quota *q, const int64_t *claimed, size_t nclaimed,
                struct draw_verdict *v, struct err *e)
{
    memset(v, 0, sizeof *v);
    char hash[DRAW_HASH_HEX];
    draw_commitment(snapshot, len, hash);
    struct draw_entry *pool = NULL; /* ids and grades only: the names are not needed */
    size_t n;
    bool stratified;
    int rc = parse_lines(snapshot, len, NULL, &pool, &n, &stratified, e);
    if (rc) return rc;
    draw_verify_pool(pool, n, stratified, hash, commitment, seed, q, claimed, nclaimed, v);
    free(pool);
    return 0;
}

void draw_verify_pool(const struct draw_entry *pool, size_t n, bool stratified, const char *hash,
                      const char *commitment, const char *seed, const struct draw_quota *q,
                      const int64_t *claimed, size_t nclaimed, struct draw_verdict *v)
{
    memset(v, 0, sizeof *v);
    snprintf(v->hash, sizeof v->hash, "%s", hash);
    v->hash_ok = commitment && strcmp(commitment, v->hash) == 0;
    v->pool = n;
    struct draw_quota qq = *q;
    qq.stratified = v->pool ? stratified : q->stratified; /* draw the snapshot as it is */
    uint8_t key[DRAW_KEY_BYTES];
    draw_key(seed, key);
    struct draw_pick *picks;
    draw_entities(pool, v->pool, &qq, key, &picks, &v->recomputed);
    struct buf b = {0};
    if (!v->hash_ok)
        buf_addf(&b, "快照的SHA-256为 %s，与公布的承诺 %s 不一致；", v->hash,
                 commitment ? commitment : "（无）");
    if (stratified != q->stratified && v->pool)
        buf_addf(&b, "快照%s风险等级，而计划%s按风险等级抽取；", stratified ? "含" : "不含",
                 q->stratified ? "" : "不");
    size_t i = 0;
    while (i < v->recomputed && i < nclaimed && picks[i].id == claimed[i])
        i++;
    v->selection_ok = i == v->recomputed && i == nclaimed;
    if (!v->selection_ok) {
        if (i < v->recomputed && i < nclaimed)
            buf_addf(&b, "第%zu个中选单位不一致：公布为编号 %lld，重算为编号 %lld；", i + 1,
                     (long long)claimed[i], (long long)picks[i].id);
        else
            buf_addf(&b, "中选单位数量不一致：公布 %zu 个，重算 %zu 个；", nclaimed, v->recomputed);
    }
    v->ok = v->hash_ok && v->selection_ok && (stratified == q->stratified || !v->pool);
    if (v->ok)
        snprintf(
            v->summary, sizeof v->summary,
            "验证通过：快照（%zu户）的SHA-256与承诺一致，按种子重算的%zu个中选单位与公布结果一致",
            v->pool, v->recomputed);
    else
        snprintf(v->summary, sizeof v->summary, "验证未通过：%.*s",
                 (int)(b.len >= 3 ? b.len - 3 : b.len), buf_str(&b)); /* without the last ； */
    buf_free(&b);
    free(picks);
}

/* ---- officer teams -------------------------------------------------------------------------- */

struct draw_officers {
    struct draw_candidate *c; /* the caller's candidates, ascending id */
    size_t n;                 /* entries in c */
    int cap;                  /* most tasks per officer (0: none) */
    size_t *avail;            /* indices into c of eligible officers below the cap, ascending */
    size_t navail;            /* entries in avail */
};

struct draw_officers *draw_officers_new(struct draw_candidate *cands, size_t n, int cap)
{
    struct draw_officers *o = xcalloc(1, sizeof *o);
    o->c = cands;
    o->n = n;
    o->cap = cap;
    o->avail = xmalloc((n ? n : 1) * sizeof *o->avail);
    for (size_t i = 0; i < n; i++)
        if (!cands[i].why_not && (cap <= 0 || cands[i].load < cap)) o->avail[o->navail++] = i;
    return o;
}

void draw_officers_free(struct draw_officers *o)
{
    if (!o) return;
    free(o->avail);
    free(o);
}

/* Index in c of officer id, or −1. */
static long cand_index(const struct draw_officers *o, int64_t id)
{
    size_t lo = 0, hi = o->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (o->c[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < o->n && o->c[lo].id == id ? (long)lo : -1;
}

/* Position in avail of candidate index ci, or −1. */
static long avail_pos(const struct draw_officers *o, size_t ci)
{
    size_t lo = 0, hi = o->navail;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (o->avail[mid] < ci)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < o->navail && o->avail[lo] == ci ? (long)lo : -1;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The precise reason a task's team cannot be formed: every candidate counted once, under the
 * first rule that excludes it (ineligible, 回避, at the cap). */
static void team_reason(const struct draw_officers *o, const struct draw_team_rules *r,
                        size_t available, char *why, size_t whylen)
{
    struct buf b = {0};
    buf_addf(&b, "单位「%s」可选执法人员不足%d名（可选%zu名）：", r->entity ? r->entity : "",
             r->size, available);
    const char *seen[32];
    size_t counts[32], nseen = 0, avoided = 0, capped = 0;
    for (size_t i = 0; i < o->n; i++) {
        const struct draw_candidate *c = &o->c[i];
        if (c->why_not) {
            size_t k = 0;
            while (k < nseen && strcmp(seen[k], c->why_not) != 0)
                k++;
            if (k == nseen && nseen < countof(seen)) {
                seen[nseen] = c->why_not;
                counts[nseen++] = 0;
            }
            if (k < nseen) counts[k]++;
            continue;
        }
        bool on_list = false;
        for (size_t a = 0; a < r->navoid && !on_list; a++)
            on_list = r->avoid[a] == c->id;
        if (on_list)
            avoided++;
        else if (o->cap > 0 && c->load >= o->cap)
            capped++;
    }
    size_t parts = 0;
    for (size_t k = 0; k < nseen; k++)
        buf_addf(&b, "%s%zu人%s", parts++ ? "，" : "", counts[k], seen[k]);
    if (avoided) buf_addf(&b, "%s%zu人回避", parts++ ? "，" : "", avoided);
    if (capped)
        buf_addf(&b, "%s%zu人已达本计划任务上限（%d项）", parts++ ? "，" : "", capped, o->cap);
    if (!parts) buf_adds(&b, o->n ? "无其他执法人员" : "计划的执法机构中没有执法人员");
    snprintf(why, whylen, "%s", buf_str(&b));
    buf_free(&b);
}

/* One partial Fisher–Yates of size positions over the virtual array 0 … m−1, without building
 * it: the few positions swapped are kept in a small table. out gets the chosen positions. */
static void sparse_select(struct draw_stream *s, size_t m, int size, size_t *out)
{
    size_t keys[2 * DRAW_MAX_TEAM], vals[2 * DRAW_MAX_TEAM];
    int nk = 0;
#define GET(pos, v)                                                                                \
    do {                                                                                           \
        v = (pos);                                                                                 \
        for (int q_ = 0; q_ < nk; q_++)                                                            \
            if (keys[q_] == (pos)) v = vals[q_];                                                   \
    } while (0)
#define SET(pos, v)                                                                                \
    do {                                                                                           \
        int q_ = 0;                                                                                \
        while (q_ < nk && keys[q_] != (pos))                                                       \
            q_++;                                                                                  \
        if (q_ == nk) keys[nk++] = (pos);                                                          \
        vals[q_] = (v);                                                                            \
    } while (0)
    for (int i = 0; i < size; i++) {
        size_t j = (size_t)i + (size_t)draw_uniform(s, m - (size_t)i), vi, vj;
        GET((size_t)i, vi);
        GET(j, vj);
        SET((size_t)i, vj);
        SET(j, vi);
        out[i] = vj;
    }
#undef GET
#undef SET
}

int draw_team(struct draw_officers *o, const uint8_t key[DRAW_KEY_BYTES], size_t task_no,
              const struct draw_team_rules *r, int64_t *team, bool *repeat, char *why,
              size_t whylen)
{
    if (repeat) *repeat = false;
    /* [R-DRAW-04] 第四十二条: size distinct officers, each eligible on the plan's date */
    if (r->size < ENFORCE_MIN_OFFICERS || r->size > DRAW_MAX_TEAM) {
        snprintf(why, whylen, "检查组人数应为%d至%d名：%s", ENFORCE_MIN_OFFICERS, DRAW_MAX_TEAM,
                 ENFORCE_MIN_RULE);
        return ERR_INVALID;
    }
    /* [R-DRAW-05] 第四十三条: positions in avail of the officers the entity has asked to avoid,
     * ascending. */
    size_t *skip = xmalloc((r->navoid ? r->navoid : 1) * sizeof *skip), nskip = 0;
    for (size_t a = 0; a < r->navoid; a++) {
        long ci = cand_index(o, r->avoid[a]);
        long p = ci >= 0 ? avail_pos(o, (size_t)ci) : -1;
        if (p >= 0) skip[nskip++] = (size_t)p;
    }
    qsort(skip, nskip, sizeof *skip, cmp_size);
    size_t u = 0; /* drop duplicates */
    for (size_t i = 0; i < nskip; i++)
        if (!u || skip[u - 1] != skip[i]) skip[u++] = skip[i];
    nskip = u;
    size_t m = o->navail - nskip; /* |E| */
    if (m < (size_t)r->size) {
        team_reason(o, r, m, why, whylen);
        free(skip);
        return ERR_INVALID;
    }
    int64_t *prev = NULL;
    size_t nprev = 0;
    if (r->nprev) {
        prev = xmalloc(r->nprev * sizeof *prev);
        memcpy(prev, r->prev, r->nprev * sizeof *prev);
        qsort(prev, r->nprev, sizeof *prev, cmp_i64);
        for (size_t i = 0; i < r->nprev; i++)
            if (!nprev || prev[nprev - 1] != prev[i]) prev[nprev++] = prev[i];
    }
    char purpose[32];
    snprintf(purpose, sizeof purpose, "team:%zu", task_no);
    struct draw_stream st;
    draw_stream_init(&st, key, purpose);
    size_t chosen[DRAW_MAX_TEAM], ci[DRAW_MAX_TEAM];
    for (int attempt = 0;; attempt++) {
        sparse_select(&st, m, r->size, chosen);
        for (int i = 0; i < r->size; i++) {
            size_t idx = chosen[i]; /* position in E → position in avail */
            for (size_t k = 0; k < nskip && skip[k] <= idx; k++)
                idx++;
            ci[i] = o->avail[idx];
            team[i] = o->c[ci[i]].id;
        }
        qsort(team, (size_t)r->size, sizeof *team, cmp_i64);
        bool same = nprev == (size_t)r->size && memcmp(team, prev, nprev * sizeof *prev) == 0;
        if (!same) break;
        /* [R-DRAW-06] another team than the previous one, unless none exists: 58号 prefers,
         * not requires, a change */
        if (m == (size_t)r->size) {
            if (repeat) *repeat = true;
            break;
        }
        if (attempt >= 1000) { /* probability below 3^-1000: stated in docs/draw.md */
            snprintf(why, whylen, "单位「%s」无法抽到与上次不同的检查组", r->entity);
            free(prev);
            free(skip);
            return ERR_INVALID;
        }
    }
    /* [R-DRAW-07] Loads grow; an officer who reaches the cap leaves avail. */
    for (int i = 0; i < r->size; i++) {
        struct draw_candidate *c = &o->c[ci[i]];
        c->load++;
        if (o->cap > 0 && c->load >= o->cap) {
            long p = avail_pos(o, ci[i]);
            if (p >= 0) {
                memmove(o->avail + p, o->avail + p + 1,
                        (o->navail - (size_t)p - 1) * sizeof *o->avail);
                o->navail--;
            }
        }
    }
    free(prev);
    free(skip);
    return 0;
}

/* ---- ratios --------------------------------------------------------------------------------- */

int draw_ratio_parse(const char *s, int *bp)
{
    if (!s) return -1;
    while (*s == ' ')
        s++;
    long whole = 0, frac = 0;
    int digits = 0, decimals = 0;
    for (; *s >= '0' && *s <= '9'; s++, digits++)
        if ((whole = whole * 10 + (*s - '0')) > 1000000) return -1;
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++)
            if (++decimals > 2)
                return -1;
            else
                frac = frac * 10 + (*s - '0');
        if (!decimals) return -1;
    }
    if (decimals == 1) frac *= 10;
    if (*s == '%') s++;
    while (*s == ' ')
        s++;
    if (*s || !digits) return -1;
    *bp = (int)(whole * 100 + frac);
    return 0;
}

void draw_ratio_text(int bp, char out[16])
{
    if (bp % 100 == 0)
        snprintf(out, 16, "%d%%", bp / 100);
    else if (bp % 10 == 0)
        snprintf(out, 16, "%d.%d%%", bp / 100, bp % 100 / 10);
    else
        snprintf(out, 16, "%d.%02d%%", bp / 100, bp % 100);
}

/* ---- completion figures --------------------------------------------------------------------- */

/* [R-TASK-05] a rate in hundredths of a percent, rounded half up */
int64_t draw_rate_bp(int64_t num, int64_t den)
{
    if (den <= 0) return -1;
    return (num * 2 * DRAW_RATIO_FULL + den) / (2 * den);
}

void draw_rate_text(int64_t num, int64_t den, char out[DRAW_RATE_TEXT])
{
    int64_t bp = draw_rate_bp(num, den);
    if (bp < 0)
        snprintf(out, DRAW_RATE_TEXT, "—");
    else
        snprintf(out, DRAW_RATE_TEXT, "%lld.%02lld%%", (long long)(bp / 100),
                 (long long)(bp % 100));
}
