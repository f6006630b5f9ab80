/* crypto.h — the few cryptographic primitives landun uses, all from libsodium. */
#ifndef LANDUN_CRYPTO_H
#define LANDUN_CRYPTO_H

#include <stddef.h>
#include <stdbool.h>
#include "base/buf.h"

#define PASSWORD_HASH_MAX 128 /* ≥ crypto_pwhash_STRBYTES */

/* Initialise libsodium; call once at start-up (aborts if it cannot). */
void crypto_setup(void);
/* Use the minimum argon2id cost (tests and benchmarks only; set before hashing). */
void crypto_set_fast_hashing(bool fast);
/* Lower-case hex SHA-256 of data into out (65 bytes with the NUL). */
void sha256_hex(const void *data, size_t len, char out[65]);
/* n random bytes into out. */
void random_bytes(void *out, size_t n);
/* n random bytes as lower-case hex into out (2n+1 bytes). */
void random_hex(char *out, size_t n);
/* argon2id hash of password into out; 0 or -1 (out of memory). */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
/* True when password matches hash. */
bool password_verify(const char *hash, const char *password);
/* Constant-time comparison of two NUL-terminated strings. */
bool str_equal_ct(const char *a, const char *b);

/* data as base64 (standard alphabet, padded), malloc'd. */
char *base64_encode(const void *data, size_t len);
/* The bytes of base64 text (standard alphabet; white space between is ignored) into *out
 * (malloc'd, one byte more than *len, a NUL) and *len; -1 when text is not base64. */
int base64_decode(const char *text, char **out, size_t *len);

/* Ed25519 signatures (crypto_sign): keys and signatures travel as lower-case hex. */
#define SIGN_SECRET_HEX 129 /* 64-byte secret key (seed and public key) as hex, with the NUL */
#define SIGN_PUBLIC_HEX 65  /* 32-byte public key as hex, with the NUL */
#define SIGN_HEX        129 /* 64-byte signature as hex, with the NUL */
/* A new key pair. */
void sign_keypair(char secret[SIGN_SECRET_HEX], char public_key[SIGN_PUBLIC_HEX]);
/* The public half of a secret key; -1 when secret is not a key's hex. */
int sign_public_of(const char *secret, char public_key[SIGN_PUBLIC_HEX]);
/* The detached signature of msg by secret (hex); -1 when secret is not a key's hex. */
int sign_detached(const char *secret, const void *msg, size_t len, char sig[SIGN_HEX]);
/* True when sig (hex) is public_key's (hex) signature of msg. */
bool sign_verify(const char *public_key, const void *msg, size_t len, const char *sig);

/* Sealed text (crypto_secretbox: XSalsa20-Poly1305) under the process's data key, for personal
 * data kept encrypted at rest (a complainant's identity and contact). The key lives outside the
 * database: a file named in the server's configuration (seal_load_key). A sealed value is
 * "s1:" + base64 of nonce and ciphertext. */
#define SEAL_KEY_BYTES 32
/* Use key (SEAL_KEY_BYTES) from now on; NULL forgets it. */
void seal_set_key(const unsigned char *key);
/* Read the key from file (64 hex characters, whitespace allowed around): 0, or -1 with why set. */
int seal_load_key(const char *file, const char **why);
/* A new key as 64 hex characters (with the NUL). */
void seal_new_key_hex(char out[2 * SEAL_KEY_BYTES + 1]);
/* True when a key is set. */
bool seal_ready(void);
/* plain sealed, malloc'd; NULL when no key is set. */
char *seal_text(const char *plain);
/* The plain text of sealed, malloc'd; NULL when no key is set, or it was sealed under another
 * key or altered. */
char *unseal_text(const char *sealed);
/* plain (n bytes) sealed under the data key as raw bytes (nonce, then the ciphertext and its
 * tag: n + SEAL_OVERHEAD bytes) appended to out, for files kept sealed at rest (a document that
 * names a complainant). 0, or -1 when no key is set. */
#define SEAL_OVERHEAD 40
int seal_bytes(const void *plain, size_t n, struct buf *out);
/* The plain bytes of sealed (n bytes, from seal_bytes) appended to out: 0, or -1 (out as it was)
 * when no key is set, or they were sealed under another key or altered. */
int unseal_bytes(const void *sealed, size_t n, struct buf *out);

#endif
