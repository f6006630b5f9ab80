/* crypto.c — libsodium wrappers. */
#include "base/crypto.h"
#include "base/util.h"

#include <sodium.h>
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
