/* crypto.c — libsodium wrappers. */
#include "base/crypto.h"
#include "base/util.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static bool fast_hashing;

void crypto_setup(void)
{
    if (sodium_init() < 0) fatal("libsodium failed to initialise");
}

void crypto_set_fast_hashing(bool fast)
{
    fast_hashing = fast;
}

void sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

void random_bytes(void *out, size_t n)
{
    randombytes_buf(out, n);
}

void random_hex(char *out, size_t n)
{
    unsigned char buf[64];
    if (n > sizeof buf) fatal("random_hex: %zu bytes is too many", n);
    randombytes_buf(buf, n);
    sodium_bin2hex(out, 2 * n + 1, buf, n);
}

int password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
    unsigned long long ops =
        fast_hashing ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = fast_hashing ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    return crypto_pwhash_str_alg(out, password, strlen(password), ops, mem,
                                 crypto_pwhash_ALG_ARGON2ID13) == 0
               ? 0
               : -1;
}

bool password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool str_equal_ct(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb) return false;
    return sodium_memcmp(a, b, la) == 0;
}

/* hex of exactly n bytes into out; -1 when hex is anything else. */
static int unhex(const char *hex, unsigned char *out, size_t n)
{
    size_t got = 0;
    const char *end = NULL;
    if (!hex || strlen(hex) != 2 * n) return -1;
    if (sodium_hex2bin(out, n, hex, 2 * n, NULL, &got, &end) != 0 || got != n) return -1;
    return 0;
}

void sign_keypair(char secret[SIGN_SECRET_HEX], char public_key[SIGN_PUBLIC_HEX])
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    sodium_bin2hex(secret, SIGN_SECRET_HEX, sk, sizeof sk);
    sodium_bin2hex(public_key, SIGN_PUBLIC_HEX, pk, sizeof pk);
    sodium_memzero(sk, sizeof sk);
}

int sign_public_of(const char *secret, char public_key[SIGN_PUBLIC_HEX])
{
    unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
    if (unhex(secret, sk, sizeof sk)) return -1;
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    sodium_memzero(sk, sizeof sk);
    sodium_bin2hex(public_key, SIGN_PUBLIC_HEX, pk, sizeof pk);
    return 0;
}

int sign_detached(const char *secret, const void *msg, size_t len, char sig[SIGN_HEX])
{
    unsigned char sk[crypto_sign_SECRETKEYBYTES], s[crypto_sign_BYTES];
    if (unhex(secret, sk, sizeof sk)) return -1;
    crypto_sign_detached(s, NULL, msg, len, sk);
    sodium_memzero(sk, sizeof sk);
    sodium_bin2hex(sig, SIGN_HEX, s, sizeof s);
    return 0;
}

bool sign_verify(const char *public_key, const void *msg, size_t len, const char *sig)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], s[crypto_sign_BYTES];
    if (unhex(public_key, pk, sizeof pk) || unhex(sig, s, sizeof s)) return false;
    return crypto_sign_verify_detached(s, msg, len, pk) == 0;
}

/* ---- sealed text ------------------------------------------------------------------------------
 */

static unsigned char seal_key[SEAL_KEY_BYTES];
static bool seal_has_key;

void seal_set_key(const unsigned char *key)
{
    seal_has_key = key != NULL;
    if (key)
        memcpy(seal_key, key, SEAL_KEY_BYTES);
    else
        sodium_memzero(seal_key, sizeof seal_key);
}

bool seal_ready(void)
{
    return seal_has_key;
}

void seal_new_key_hex(char out[2 * SEAL_KEY_BYTES + 1])
{
    unsigned char key[SEAL_KEY_BYTES];
    crypto_secretbox_keygen(key);
    sodium_bin2hex(out, 2 * SEAL_KEY_BYTES + 1, key, sizeof key);
    sodium_memzero(key, sizeof key);
}

int seal_load_key(const char *file, const char **why)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        *why = "无法读取数据密钥文件";
        return -1;
    }
    char text[256];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    unsigned char key[SEAL_KEY_BYTES];
    size_t len = 0;
    const char *end;
    if (sodium_hex2bin(key, sizeof key, text, n, " \t\r\n", &len, &end) || len != sizeof key ||
        strspn(end, " \t\r\n") != strlen(end)) {
        *why = "数据密钥文件应为64位十六进制字符（landun key new 生成）";
        return -1;
    }
    seal_set_key(key);
    sodium_memzero(key, sizeof key);
    return 0;
}

char *base64_encode(const void *data, size_t len)
{
    size_t n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *out = xmalloc(n);
    sodium_bin2base64(out, n, data, len, sodium_base64_VARIANT_ORIGINAL);
    return out;
}

int base64_decode(const char *text, char **out, size_t *len)
{
    size_t cap = strlen(text) + 1;
    unsigned char *buf = xmalloc(cap);
    const char *end = NULL;
    if (sodium_base642bin(buf, cap, text, strlen(text), " \t\r\n", len, &end,
                          sodium_base64_VARIANT_ORIGINAL) ||
        (end && *end)) {
        free(buf);
        return -1;
    }
    buf[*len] = 0;
    *out = (char *)buf;
    return 0;
}

#define SEAL_PREFIX "s1:"

int seal_bytes(const void *plain, size_t n, struct buf *out)
{
    _Static_assert(SEAL_OVERHEAD == crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES,
                   "SEAL_OVERHEAD");
    if (!seal_has_key) return -1;
    buf_grow(out, n + SEAL_OVERHEAD);
    unsigned char *at = (unsigned char *)out->p + out->len;
    randombytes_buf(at, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(at + crypto_secretbox_NONCEBYTES, plain, n, at, seal_key);
    out->len += n + SEAL_OVERHEAD;
    out->p[out->len] = 0;
    return 0;
}

int unseal_bytes(const void *sealed, size_t n, struct buf *out)
{
    const unsigned char *in = sealed;
    if (!seal_has_key || n < SEAL_OVERHEAD) return -1;
    size_t len = n - SEAL_OVERHEAD;
    buf_grow(out, len);
    if (crypto_secretbox_open_easy((unsigned char *)out->p + out->len,
                                   in + crypto_secretbox_NONCEBYTES,
                                   n - crypto_secretbox_NONCEBYTES, in, seal_key)) {
        out->p[out->len] = 0;
        return -1;
    }
    out->len += len;
    out->p[out->len] = 0;
    return 0;
}

char *seal_text(const char *plain)
{
    struct buf raw = {0};
    if (!plain || seal_bytes(plain, strlen(plain), &raw)) return NULL;
    size_t b64 = sodium_base64_ENCODED_LEN(raw.len, sodium_base64_VARIANT_ORIGINAL);
    char *out = xmalloc(strlen(SEAL_PREFIX) + b64);
    strcpy(out, SEAL_PREFIX);
    sodium_bin2base64(out + strlen(SEAL_PREFIX), b64, (const unsigned char *)raw.p, raw.len,
                      sodium_base64_VARIANT_ORIGINAL);
    buf_free(&raw);
    return out;
}

char *unseal_text(const char *sealed)
{
    if (!seal_has_key || !sealed || strncmp(sealed, SEAL_PREFIX, strlen(SEAL_PREFIX)) != 0)
        return NULL;
    const char *b64 = sealed + strlen(SEAL_PREFIX);
    size_t cap = strlen(b64), raw = 0;
    unsigned char *buf = xmalloc(cap ? cap : 1);
    if (sodium_base642bin(buf, cap, b64, strlen(b64), NULL, &raw, NULL,
                          sodium_base64_VARIANT_ORIGINAL) ||
        raw < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        free(buf);
        return NULL;
    }
    struct buf plain = {0};
    int rc = unseal_bytes(buf, raw, &plain);
    free(buf);
    if (rc) {
        buf_free(&plain);
        return NULL;
    }
    return buf_steal(&plain);
}
