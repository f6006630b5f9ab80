/* media.h — what an evidence file is, from its first bytes (not from what the client says): a
 * photo, audio, video or a scanned document of a type browsers show or play. Anything else is
 * refused, so a recording served inline can never be a page or a script. */
#ifndef LANDUN_MEDIA_H
#define LANDUN_MEDIA_H

#include <stddef.h>

#define MEDIA_SNIFF_LEN 64 /* the bytes media_sniff looks at (fewer when the file is shorter) */

struct media_type {
    const char *content_type; /* image/jpeg */
    const char *media;        /* photo | audio | video | scan */
    const char *label;        /* 照片 | 录音 | 视频 | 扫描件 */
    const char *ext;          /* jpg: for a download's file name */
};

/* The type of a file beginning with head (len bytes, at most MEDIA_SNIFF_LEN looked at), or NULL
 * when it is none of the accepted ones. */
const struct media_type *media_sniff(const unsigned char *head, size_t len);
/* The label of a media kind (照片 …), or NULL. */
const char *media_label(const char *media);

#endif
