/* sha256.c — streaming SHA-256 through OpenSSL (base/sha256.h). */
#include "base/sha256.h"

void sha256_init(struct sha256 *s)
{
    SHA256_Init(&s->ctx);
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
    SHA256_Update(&s->ctx, data, len);
}

void sha256_final_hex(struct sha256 *s, char hex[SHA256_HEX])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char h[SHA256_DIGEST_LENGTH];
    SHA256_Final(h, &s->ctx);
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
        hex[2 * i] = digits[h[i] >> 4];
        hex[2 * i + 1] = digits[h[i] & 15];
    }
    hex[2 * SHA256_DIGEST_LENGTH] = 0;
}
