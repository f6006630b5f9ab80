/* fuzz_thumb.c — libFuzzer target for the thumbnails of photos (docs/thumb.h): any bytes, read
 * as a JPEG and as a PNG. A thumbnail made is a JPEG no larger than asked; anything else is an
 * error with a message, never a crash, a hang or a leak. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docs/thumb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *data, size_t size, const char *type)
{
    struct buf out = {0};
    struct err e = {0};
    int rc = thumb_make_mem(data, size, type, 64, &out, &e);
    if (rc == 0 && (out.len < 4 || memcmp(out.p, "\xff\xd8\xff", 3) != 0)) abort();
    if (rc != 0 && (rc != ERR_INVALID || !e.msg[0] || out.len != 0)) abort();
    buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one(data, size, "image/jpeg");
    one(data, size, "image/png");
    return 0;
}
