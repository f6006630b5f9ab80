/* sha256.h — SHA-256 of a stream, for large files (evidence uploads, their checks and copies):
 * OpenSSL's implementation, which uses the processor's SHA instructions where it has them (about
 * five times libsodium's speed on this project's machines, so hashing an upload costs less than
 * receiving it). The state is a plain struct: a resumable upload keeps it on disk between
 * requests (store/blob.c), read back by the same build on the same machine. Small values keep
 * using libsodium (base/crypto.h). */
#ifndef LANDUN_SHA256_H
#define LANDUN_SHA256_H

#include <stddef.h>

/* The low-level interface is the one whose state can be saved; OpenSSL 3 marks it deprecated
 * in favour of EVP, whose state cannot. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#define SHA256_HEX 65 /* lower-case hex and its NUL */

struct sha256 {
    SHA256_CTX ctx;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Finish s and write its digest as lower-case hex into hex. */
void sha256_final_hex(struct sha256 *s, char hex[SHA256_HEX]);

#endif
