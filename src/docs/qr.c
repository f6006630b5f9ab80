/* qr.c — QR codes as SVG (qr.h), made by libqrencode. */
#include "docs/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <string.h>

/* The symbol of text (the caller frees it with QRcode_free), or NULL with e set. */
static QRcode *encode(const char *text, struct err *e)
{
    size_t n = text ? strlen(text) : 0;
    if (n == 0 || n > QR_MAX_TEXT) {
        err_set(e, ERR_INVALID, "二维码内容应为 1 至 %d 个字节", QR_MAX_TEXT);
        return NULL;
    }
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!q) err_set(e, ERR_INVALID, "无法生成二维码：%s", strerror(errno));
    return q;
}

int qr_size(const char *text, int *version, int *width, struct err *e)
{
    QRcode *q = encode(text, e);
    if (!q) return e->code;
    *version = q->version;
    *width = q->width;
    QRcode_free(q);
    return 0;
}

/* Whether module (x, y) of q is dark (bit 0 of its byte). */
static bool dark(const QRcode *q, int x, int y)
{
    return q->data[y * q->width + x] & 1;
}

int qr_svg(const char *text, struct buf *out, struct err *e)
{
    QRcode *q = encode(text, e);
    if (!q) return e->code;
    int side = q->width + 2 * QR_QUIET;
    buf_addf(out,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
             " shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
             "<path fill=\"#000\" d=\"",
             side, side, side, side);
    /* each row's runs of dark modules as one rectangle apiece */
    for (int y = 0; y < q->width; y++)
        for (int x = 0; x < q->width;) {
            if (!dark(q, x, y)) {
                x++;
                continue;
            }
            int run = 1;
            while (x + run < q->width && dark(q, x + run, y))
                run++;
            buf_addf(out, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET, run, run);
            x += run;
        }
    buf_adds(out, "\"/></svg>\n");
    QRcode_free(q);
    return 0;
}
