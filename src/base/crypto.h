/* crypto.h — the few cryptographic primitives landun uses, all from libsodium. */
#ifndef LANDUN_CRYPTO_H
#define LANDUN_CRYPTO_H

#include <stddef.h>
#include <stdbool.h>

#define PASSWORD_HASH_MAX 128 /* ≥ crypto_pwhash_STRBYTES */

/* Initialise libsodium; call once at start-up (aborts if it cannot). */
void crypto_setup(void);
/* Use the minimum argon2id cost (tests and benchmarks only; set before hashing). */
void crypto_set_fast_hashing(bool fast);
/* Lower-case hex SHA-256 of data into out (65 bytes with the NUL). */
void sha256_hex(const void *data, size_t len, char out[65]);
/* n random bytes as lower-case hex into out (2n+1 bytes). */
void random_hex(char *out, size_t n);
/* argon2id hash of password into out; 0 or -1 (out of memory). */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
/* True when password matches hash. */
bool password_verify(const char *hash, const char *password);
/* Constant-time comparison of two NUL-terminated strings. */
bool str_equal_ct(const char *a, const char *b);

#endif
