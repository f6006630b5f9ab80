/* range.h — the HTTP Range request header (RFC 9110 §14.2) for one range of bytes, as video and
 * audio players send it to seek. */
#ifndef LANDUN_RANGE_H
#define LANDUN_RANGE_H

#include <stdint.h>

enum range_result {
    RANGE_WHOLE = 0, /* no range, or one the server may ignore (several ranges, another unit):
                      * send the whole file with 200 */
    RANGE_PART = 1,  /* send bytes [*from, *to] with 206 */
    RANGE_UNSATISFIABLE = -1, /* 416: no byte of the range lies in the file */
};

/* Read header h (NULL: none) against a file of size bytes. */
enum range_result range_parse(const char *h, int64_t size, int64_t *from, int64_t *to);

#endif
