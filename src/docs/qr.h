/* qr.h — a QR code of a short text as an SVG image (libqrencode): the address of an entity's
 * public page on the 公示牌 at its door (docs/publicity.md, "单位公示页、回应与公示牌"). */
#ifndef LANDUN_DOC_QR_H
#define LANDUN_DOC_QR_H

#include "base/buf.h"
#include "base/err.h"

#define QR_MAX_TEXT 512 /* the longest text encoded (an address; a symbol stays scannable) */
#define QR_QUIET    4   /* modules of white margin on every side (ISO/IEC 18004) */

/* The symbol of text at error correction level M, 8-bit mode: *version (1–40) and *width (its
 * modules a side, 17 + 4 × version). 0, or ERR_INVALID when text is empty, longer than
 * QR_MAX_TEXT or does not fit. */
int qr_size(const char *text, int *version, int *width, struct err *e);

/* Append to out an SVG image of the QR code of text: one path of the dark modules on white, with
 * a quiet zone of QR_QUIET modules, scaled by its viewBox to the size it is shown at. The caller
 * frees out. 0, or as qr_size. */
int qr_svg(const char *text, struct buf *out, struct err *e);

#endif
