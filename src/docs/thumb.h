/* thumb.h — a small JPEG of a photo, for lists and timelines (docs/evidence.md, "Thumbnails").
 *
 * A recording is outside input: a photo may be corrupt, truncated or crafted to declare a huge
 * size. Decoding is guarded: a declared width × height above THUMB_MAX_PIXELS (a PNG's:
 * THUMB_MAX_PNG_PIXELS) is refused before
 * anything is allocated for it, libjpeg's errors return here (setjmp) instead of exiting, and a
 * JPEG's decoder may neither use more than THUMB_MAX_MEMORY nor read more than THUMB_MAX_SCANS
 * progressive scans. JPEG is decoded scaled down by libjpeg itself (1/2, 1/4, 1/8), so a photo
 * of 4,000 pixels costs a decode of 500; PNG through cairo, flattened on white. */
#ifndef LANDUN_DOC_THUMB_H
#define LANDUN_DOC_THUMB_H

#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

#define THUMB_PX         320                 /* the longer side of the thumbnails served */
#define THUMB_MAX_PIXELS (100 * 1000 * 1000) /* the largest declared width × height of a JPEG */
/* … of a PNG: cairo decodes it whole (4 bytes a pixel) before it is shrunk, so 40 megapixels
 * already take 280 MB for a moment (a phone's PNG is a screenshot, far smaller) */
#define THUMB_MAX_PNG_PIXELS (40 * 1000 * 1000)
#define THUMB_MAX_MEMORY     (256L << 20) /* libjpeg's working memory for one photo */
#define THUMB_MAX_SCANS      100          /* progressive scans read from one JPEG */
#define THUMB_QUALITY        75           /* JPEG quality of a thumbnail */
#define THUMB_UNSUPPORTED    1 /* returned for a type without thumbnails (HEIC, WebP, not a photo) */

/* Make a JPEG of the photo at src_path (content_type image/jpeg or image/png) that fits in
 * max_px × max_px (never enlarged), upright by its EXIF orientation, appended to *out (the
 * caller frees it with buf_free). 0; THUMB_UNSUPPORTED for any other type (nothing set in e);
 * ERR_INVALID for a corrupt or truncated photo or one declared too large; ERR_NOTFOUND when the
 * file cannot be opened. */
int thumb_make(const char *src_path, const char *content_type, int max_px, struct buf *out,
               struct err *e);

/* thumb_make of a photo held in memory (len bytes at data). Callers: thumb_make's tests and
 * the fuzzer. */
int thumb_make_mem(const void *data, size_t len, const char *content_type, int max_px,
                   struct buf *out, struct err *e);

#endif
