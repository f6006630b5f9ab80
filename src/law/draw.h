/* draw.h — the verifiable random draw of "双随机、一公开" (国办发〔2015〕58号): which entities of a
 * plan's pool are checked, and which officers check each of them.
 *
 * Pure functions, no database: anyone holding the published pool snapshot and the seed can
 * recompute the selection (docs/draw.md states the algorithm byte for byte; tools/draw_verify.py
 * is an independent re-implementation).
 *
 *   snapshot    one line per entity, sorted by id ascending: "id\tname\n" (plans drawn per risk
 *               grade add "\tgrade" before the newline: A–D, or "-" for none). UTF-8.
 *   commitment  lower-case hex SHA-256 of the snapshot, published before the seed is known.
 *   key         SHA-256("landun-draw-v1" || 0x00 || seed), seed the UTF-8 bytes as published.
 *   stream      ChaCha20 (IETF, RFC 8439) keystream under key, block counter from 0, with the
 *               nonce = the first 12 bytes of SHA-256(purpose): "entities", "entities:A", …,
 *               "team:1", "team:2", …; read as little-endian 64-bit words.
 *   uniform     an integer in [0, n): take words x until x < 2^64 − (2^64 mod n); answer x mod n.
 *   selection   partial Fisher–Yates: for i = 0 … k−1, j = i + uniform(n − i), swap a[i], a[j]
 *               over the pool positions a = 0 … n−1; the selection is a[0 … k−1] in that order.
 */
#ifndef LANDUN_DRAW_H
#define LANDUN_DRAW_H

#include <stddef.h>
#include <stdint.h>
#include "base/buf.h"
#include "base/err.h"

#define DRAW_HASH_HEX   65               /* 64 hex digits and the NUL */
#define DRAW_KEY_BYTES  32               /* SHA-256 */
#define DRAW_STRATA     "ABCD-"          /* risk grades in drawing order; "-" has none */
#define DRAW_NSTRATA    5                /* strlen(DRAW_STRATA) */
#define DRAW_DOMAIN     "landun-draw-v1" /* the key's domain separation prefix */
#define DRAW_MAX_TEAM   8                /* largest team a plan may ask for */
#define DRAW_SEED_MAX   200              /* characters of a seed */
#define DRAW_RATIO_FULL 10000            /* ratios are in basis points: 500 = 5% */
#define DRAW_RATE_TEXT  24               /* bytes of a rate as text ("99.29%") */

/* A plan's defaults (the register of rules, law/rules.c, shows them): random checks per entity per
 * year and level (国办发〔2024〕54号), and the most open tasks per officer (0: no cap). */
#define DRAW_ENTITY_CAP_DEFAULT  2
#define DRAW_OFFICER_CAP_DEFAULT 0

/* One entity of a pool. */
struct draw_entry {
    int64_t id;       /* entity id (> 0); the snapshot is sorted by it */
    const char *name; /* public name: an organisation's name, a person's masked (张*) */
    char stratum;     /* risk grade 'A'–'D' or '-' in a stratified pool; 0 otherwise */
};

/* How many entities a plan draws. */
struct draw_quota {
    bool by_count;              /* a fixed number (count) instead of a ratio */
    int64_t count;              /* the number to draw (by_count) */
    int ratio_bp;               /* ratio in basis points (500 = 5%) for every stratum … */
    int grade_bp[DRAW_NSTRATA]; /* … unless its own ratio here is ≥ 0 (−1: use ratio_bp) */
    bool stratified;            /* drawn per risk grade (only with ratios) */
};

/* One drawn entity. */
struct draw_pick {
    int64_t id;        /* entity id */
    size_t pool_index; /* its position in the sorted pool */
    char stratum;      /* its stratum (0 when the pool is not stratified) */
};

/* A ChaCha20 keystream read as 64-bit words (see the file comment). */
struct draw_stream {
    uint8_t key[DRAW_KEY_BYTES]; /* the draw key */
    uint8_t nonce[12];           /* from the purpose */
    uint32_t counter;            /* next ChaCha20 block to generate */
    uint32_t blocks;             /* blocks the next refill generates (1, 2, 4 … 64) */
    uint8_t buf[4096];           /* generated keystream, at the end of buf */
    size_t pos;                  /* next unread byte of buf */
};

/* ---- the pool and its commitment ---------------------------------------------------------- */

/* Append the canonical snapshot of pool (n entries, sorted by id ascending, ids distinct) to out.
 * Tabs, carriage returns and line feeds in names are written as spaces. Stratified pools carry
 * each entry's grade. ERR_INVALID (message in e) when the pool is not sorted or an id is ≤ 0. */
int draw_snapshot(const struct draw_entry *pool, size_t n, bool stratified, struct buf *out,
                  struct err *e);
/* The commitment: lower-case hex SHA-256 of the snapshot's len bytes. */
void draw_commitment(const char *snapshot, size_t len, char hex[DRAW_HASH_HEX]);
/* Parse a published snapshot into *pool (xmalloc'd array; names point into text, which must
 * outlive it; caller frees the array). *stratified says whether lines carry grades. ERR_INVALID
 * naming the line for anything that is not a canonical snapshot (unsorted, duplicate, bad id,
 * bad grade, missing final newline, mixed line forms). text must be NUL-terminated at len. */
int draw_snapshot_parse(char *text, size_t len, struct draw_entry **pool, size_t *n,
                        bool *stratified, struct err *e);
/* The public form of a natural person's name: the first character and one * for each other
 * character (张三 → 张*, 欧阳娜娜 → 欧***). Written into out (n bytes). */
void draw_mask_name(const char *name, char *out, size_t n);

/* ---- the stream ----------------------------------------------------------------------------- */

/* The draw key of seed (UTF-8 bytes, as published). */
void draw_key(const char *seed, uint8_t key[DRAW_KEY_BYTES]);
/* Start the stream of purpose ("entities", "entities:A", "team:12") under key. */
void draw_stream_init(struct draw_stream *s, const uint8_t key[DRAW_KEY_BYTES],
                      const char *purpose);
/* The next 64-bit word (little-endian bytes of the keystream). */
uint64_t draw_stream_u64(struct draw_stream *s);
/* A uniform integer in [0, n), n ≥ 1, by rejection (no modulo bias). */
uint64_t draw_uniform(struct draw_stream *s, uint64_t n);
/* Partial Fisher–Yates: k distinct positions out of n (k ≤ n) into out[0 … k−1], in draw
 * order. Allocates a work array of n positions (freed before returning). */
void draw_select(struct draw_stream *s, uint32_t n, uint32_t k, uint32_t *out);

/* ---- entities ------------------------------------------------------------------------------- */

/* How many entities a stratum of n_s entities gives: a ratio rounds up (国办发〔2015〕58号 sets
 * a minimum share: ceil(n_s × bp / 10000)); a count is capped at n_s. */
size_t draw_quota_k(const struct draw_quota *q, char stratum, size_t n_s);
/* Draw the entities of pool (sorted, as in the snapshot) under key: each stratum in DRAW_STRATA
 * order with the purpose "entities:<grade>", or the whole pool with "entities". *picks gets
 * the selection in task order (xmalloc'd; caller frees), *npicks its length. */
void draw_entities(const struct draw_entry *pool, size_t n, const struct draw_quota *q,
                   const uint8_t key[DRAW_KEY_BYTES], struct draw_pick **picks, size_t *npicks);

/* What a recomputation found. */
struct draw_verdict {
    bool ok;                  /* the commitment and the selection both match */
    bool hash_ok;             /* SHA-256 of the snapshot equals the published commitment */
    char hash[DRAW_HASH_HEX]; /* the SHA-256 recomputed from the snapshot */
    bool selection_ok;        /* the recomputed selection equals the published one */
    size_t recomputed;        /* entities the recomputation drew */
    size_t pool;              /* entities in the snapshot */
    char summary[600];        /* 验证通过… or exactly what differs (Chinese) */
};

/* Recompute a draw from its published pieces: the snapshot text (len bytes), the commitment
 * (hex), the seed, the quota (its stratified flag must agree with the snapshot), and the
 * published selection (ids in task order). Fills v. Returns 0 (whatever the verdict), or
 * ERR_INVALID when the snapshot is not canonical (e says which line). */
int draw_verify(const char *snapshot, size_t len, const char *commitment, const char *seed,
                const struct draw_quota *q, const int64_t *claimed, size_t nclaimed,
                struct draw_verdict *v, struct err *e);
/* draw_verify for a snapshot already parsed (pool, n entries, stratified as its lines say)
 * whose SHA-256 is hash (hex): the same checks and verdict, for callers that read the pool
 * from the database line by line and hashed it as they went. */
void draw_verify_pool(const struct draw_entry *pool, size_t n, bool stratified, const char *hash,
                      const char *commitment, const char *seed, const struct draw_quota *q,
                      const int64_t *claimed, size_t nclaimed, struct draw_verdict *v);

/* ---- officer teams -------------------------------------------------------------------------- */

/* One officer who may be drawn, in ascending id order. */
struct draw_candidate {
    int64_t id;          /* officer id */
    const char *why_not; /* NULL when eligible on the plan's date; else why not (执法证已过有效期,
                            专业不符): 行政处罚法 第四十二条 */
    int load;            /* tasks held so far; draw_team adds the ones it assigns */
};

/* The rules of one task's team. */
struct draw_team_rules {
    int size;             /* officers per team, ≥ 2 (行政处罚法 第四十二条) */
    int cap;              /* most tasks per officer in the plan (0: no cap) */
    const char *entity;   /* the entity's public name, for messages */
    const int64_t *avoid; /* officers on the entity's 回避 list (第四十三条), any order */
    size_t navoid;        /* entries in avoid */
    const int64_t *prev;  /* the team of the entity's previous random check, or NULL */
    size_t nprev;         /* entries in prev */
};

/* The candidates that may serve a task: built once per draw (draw_officers_new), then updated as
 * teams are drawn, so a draw of many tasks costs little per task. */
struct draw_officers;

/* A pool over cands (n, ascending id; the array stays the caller's and receives the loads). */
struct draw_officers *draw_officers_new(struct draw_candidate *cands, size_t n, int cap);
void draw_officers_free(struct draw_officers *o);

/* Draw the team of task number task_no (1-based, in task order) with the stream "team:<no>":
 * the candidates E that are eligible, not on the avoid list and below the cap, in ascending id
 * order; size of them by partial Fisher–Yates over E; if that team is the previous team and E
 * has more than size officers, draw again from the same stream until it differs. team gets the
 * ids in ascending order; loads grow. Returns 0, or ERR_INVALID with the precise reason in why
 * (whylen bytes; 单位「某某诊所」可选执法人员不足2名（可选1名）：3人执法证已过有效期，1人回避).
 * *repeat (may be NULL) says the team had to equal the previous one (there was no other). */
int draw_team(struct draw_officers *o, const uint8_t key[DRAW_KEY_BYTES], size_t task_no,
              const struct draw_team_rules *r, int64_t *team, bool *repeat, char *why,
              size_t whylen);

/* ---- ratios --------------------------------------------------------------------------------- */

/* Parse a percentage ("5", "5.5", "0.25%", at most two decimals) into basis points. 0, or −1
 * for anything else. */
int draw_ratio_parse(const char *s, int *bp);
/* Basis points as a percentage without trailing zeros: 500 → "5%", 550 → "5.5%". */
void draw_ratio_text(int bp, char out[16]);

/* ---- completion figures (RULES.md §4) ------------------------------------------------------ */

/* A rate num/den in hundredths of a percent, rounded half up (560/564 → 9929); −1 when den is
 * 0. */
int64_t draw_rate_bp(int64_t num, int64_t den);
/* The rate as text with two decimals ("99.29%", "100.00%"), or "—" when den is 0. */
void draw_rate_text(int64_t num, int64_t den, char out[DRAW_RATE_TEXT]);

#endif
