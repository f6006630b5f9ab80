/* fuzz_upload.c — libFuzzer target for what an upload's client sends besides the bytes: the
 * Range header of a download (range_parse), a tus Upload-Metadata header
 * (upload_metadata_value), and the first bytes by which a file's type is told (media_sniff).
 *
 * Any bytes: a range given back lies inside the file and is not empty; a decoded metadata value
 * is valid UTF-8 text; a type told is one of the accepted ones, with its media and label.
 */
#include <stdlib.h>
#include <string.h>

#include "base/media.h"
#include "base/range.h"
#include "base/util.h"
#include "web/upload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_range(const char *h, int64_t size)
{
    int64_t from = -7, to = -7;
    enum range_result r = range_parse(h, size, &from, &to);
    if (r == RANGE_PART && (from < 0 || to < from || to >= size)) abort();
    if (r != RANGE_PART && r != RANGE_WHOLE && r != RANGE_UNSATISFIABLE) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = 0;
    check_range(s, 0);
    check_range(s, 1);
    check_range(s, 1000);
    check_range(s, (int64_t)1 << 40);
    struct arena a = {0};
    const char *v = NULL;
    if (upload_metadata_value(&a, s, "filename", &v) == 0 && v && !utf8_valid_text(v, strlen(v)))
        abort();
    const struct media_type *t = media_sniff(data, size);
    if (t && (!t->content_type || !t->media || !media_label(t->media))) abort();
    arena_free(&a);
    free(s);
    return 0;
}
