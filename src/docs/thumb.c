/* thumb.c — thumbnails of photos: decode (guarded), shrink by area averaging, turn upright,
 * encode as JPEG (docs/thumb.h).
 *
 * Every decoder writes into one struct image (8-bit RGB, rows packed), so shrinking, turning and
 * encoding are written once. libjpeg reports errors through error_exit, which must not return:
 * ours longjmps back to the function that set it up, which frees what it holds in its struct. */
#include "docs/thumb.h"

#include <assert.h>
#include <cairo.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

#include "base/util.h"

/* A decoded picture. */
struct image {
    int w, h;          /* pixels */
    unsigned char *px; /* w × h × 3 bytes of RGB, rows top to bottom (malloc'd) */
};

/* Where the photo's bytes come from: a file or memory. */
struct source {
    FILE *f;                  /* the open file, or NULL */
    const unsigned char *mem; /* else the bytes in memory */
    size_t len, pos;          /* their length and the next byte to read */
};

/* libjpeg's error manager with the place to return to. */
struct jerr {
    struct jpeg_error_mgr mgr; /* first: libjpeg hands back a pointer to it */
    jmp_buf back;              /* where error_exit returns to */
    char msg[JMSG_LENGTH_MAX]; /* libjpeg's reason, for the log of a test */
};

static void image_free(struct image *im)
{
    free(im->px);
    im->px = NULL;
}

static void image_alloc(struct image *im, int w, int h)
{
    im->w = w;
    im->h = h;
    im->px = xmalloc((size_t)w * (size_t)h * 3);
}

/* The size of a w × h picture fitted in max_px × max_px, never enlarged, at least 1 × 1. */
static void fit(int w, int h, int max_px, int *tw, int *th)
{
    *tw = w;
    *th = h;
    if (w <= max_px && h <= max_px) return;
    if (w >= h) {
        *tw = max_px;
        *th = (int)(((int64_t)h * max_px + w / 2) / w);
    } else {
        *th = max_px;
        *tw = (int)(((int64_t)w * max_px + h / 2) / h);
    }
    if (*tw < 1) *tw = 1;
    if (*th < 1) *th = 1;
}

/* Shrink src to tw × th by averaging each output pixel's box of source pixels into dst. */
static void shrink(const struct image *src, int tw, int th, struct image *dst)
{
    image_alloc(dst, tw, th);
    for (int y = 0; y < th; y++) {
        int y0 = (int)((int64_t)y * src->h / th), y1 = (int)((int64_t)(y + 1) * src->h / th);
        if (y1 <= y0) y1 = y0 + 1;
        for (int x = 0; x < tw; x++) {
            int x0 = (int)((int64_t)x * src->w / tw), x1 = (int)((int64_t)(x + 1) * src->w / tw);
            if (x1 <= x0) x1 = x0 + 1;
            uint64_t sum[3] = {0, 0, 0};
            for (int sy = y0; sy < y1; sy++) {
                const unsigned char *p = src->px + ((size_t)sy * src->w + x0) * 3;
                for (int sx = x0; sx < x1; sx++, p += 3)
                    for (int k = 0; k < 3; k++)
                        sum[k] += p[k];
            }
            uint64_t n = (uint64_t)(y1 - y0) * (uint64_t)(x1 - x0);
            unsigned char *q = dst->px + ((size_t)y * tw + x) * 3;
            for (int k = 0; k < 3; k++)
                q[k] = (unsigned char)((sum[k] + n / 2) / n);
        }
    }
}

/* Turn im upright by EXIF orientation o (2–8: mirrored and/or turned; 1 or unknown: as is). */
static void orient(struct image *im, int o)
{
    if (o < 2 || o > 8) return;
    bool swap = o >= 5; /* 5–8 exchange width and height */
    struct image out;
    image_alloc(&out, swap ? im->h : im->w, swap ? im->w : im->h);
    for (int y = 0; y < out.h; y++)
        for (int x = 0; x < out.w; x++) {
            int sx, sy; /* the source pixel shown at (x, y) */
            switch (o) {
            case 2:
                sx = im->w - 1 - x, sy = y;
                break;
            case 3:
                sx = im->w - 1 - x, sy = im->h - 1 - y;
                break;
            case 4:
                sx = x, sy = im->h - 1 - y;
                break;
            case 5:
                sx = y, sy = x;
                break;
            case 6:
                sx = y, sy = im->h - 1 - x;
                break;
            case 7:
                sx = im->w - 1 - y, sy = im->h - 1 - x;
                break;
            default:
                sx = im->w - 1 - y, sy = x;
                break; /* 8 */
            }
            memcpy(out.px + ((size_t)y * out.w + x) * 3, im->px + ((size_t)sy * im->w + sx) * 3, 3);
        }
    image_free(im);
    *im = out;
}

/* ---- EXIF orientation ------------------------------------------------------------------------ */

static unsigned exif_u16(const unsigned char *p, bool le)
{
    return le ? (unsigned)(p[0] | p[1] << 8) : (unsigned)(p[0] << 8 | p[1]);
}

static uint32_t exif_u32(const unsigned char *p, bool le)
{
    return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
              : (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* The orientation tag (0x0112) of IFD0 in an APP1 Exif segment, or 1 when absent or malformed. */
static int exif_orientation(const unsigned char *d, size_t len)
{
    if (len < 14 || memcmp(d, "Exif\0\0", 6) != 0) return 1;
    const unsigned char *t = d + 6; /* the TIFF header: II*\0 or MM\0* */
    size_t n = len - 6;
    bool le = t[0] == 'I' && t[1] == 'I';
    if (!le && !(t[0] == 'M' && t[1] == 'M')) return 1;
    uint32_t ifd = exif_u32(t + 4, le);
    if (ifd > n - 2) return 1;
    unsigned count = exif_u16(t + ifd, le);
    for (unsigned i = 0; i < count; i++) {
        size_t at = (size_t)ifd + 2 + (size_t)i * 12;
        if (at + 12 > n) return 1;
        if (exif_u16(t + at, le) == 0x0112 && exif_u16(t + at + 2, le) == 3)
            return (int)exif_u16(t + at + 8, le);
    }
    return 1;
}

/* ---- JPEG ------------------------------------------------------------------------------------ */

static void jerr_exit(j_common_ptr cinfo)
{
    struct jerr *j = (struct jerr *)cinfo->err;
    cinfo->err->format_message(cinfo, j->msg);
    longjmp(j->back, 1);
}

/* Warnings are not printed; a file that ends early is an error (a truncated upload), the other
 * warnings (extraneous bytes, which some cameras write) are let pass. */
static void jerr_message(j_common_ptr cinfo, int level)
{
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) cinfo->err->error_exit(cinfo);
}

/* Stop a progressive JPEG of endless scans (each one is a pass over the whole picture). */
static void jpeg_progress(j_common_ptr cinfo)
{
    if (cinfo->is_decompressor && ((j_decompress_ptr)cinfo)->input_scan_number > THUMB_MAX_SCANS) {
        struct jerr *j = (struct jerr *)cinfo->err;
        snprintf(j->msg, sizeof j->msg, "more than %d progressive scans", THUMB_MAX_SCANS);
        longjmp(j->back, 1);
    }
}

static void jerr_init(struct jerr *j)
{
    jpeg_std_error(&j->mgr);
    j->mgr.error_exit = jerr_exit;
    j->mgr.emit_message = jerr_message;
    j->msg[0] = '\0';
}

/* The largest libjpeg scale 1/denom that still leaves the longer side at least max_px. */
static int jpeg_denom(unsigned w, unsigned h, int max_px)
{
    unsigned side = w > h ? w : h;
    int denom = 8;
    while (denom > 1 && side / (unsigned)denom < (unsigned)max_px)
        denom /= 2;
    return denom;
}

/* Convert one decoded row in place: CMYK (Adobe's, inverted) to RGB. */
static void cmyk_row(unsigned char *row, int w)
{
    for (int x = 0; x < w; x++) {
        unsigned k = row[x * 4 + 3];
        for (int c = 0; c < 3; c++)
            row[x * 3 + c] = (unsigned char)(row[x * 4 + c] * k / 255);
    }
}

/* The state of one JPEG decode, in memory so that it survives a longjmp. */
struct jpeg_job {
    struct jpeg_decompress_struct cinfo;
    struct jpeg_progress_mgr progress;
    struct jerr err;
    struct image im;   /* the decoded picture */
    unsigned char *cm; /* one CMYK row while decoding CMYK */
    int orientation;   /* EXIF orientation */
};

/* Read the header, refuse a declared size above the limit, and start the scaled decode. */
static int jpeg_start(struct jpeg_job *j, const struct source *s, int max_px, struct err *e)
{
    struct jpeg_decompress_struct *ci = &j->cinfo;
    if (s->f)
        jpeg_stdio_src(ci, s->f);
    else
        jpeg_mem_src(ci, s->mem, (unsigned long)s->len);
    jpeg_save_markers(ci, JPEG_APP0 + 1, 0xffff);
    jpeg_read_header(ci, TRUE);
    if ((uint64_t)ci->image_width * ci->image_height > THUMB_MAX_PIXELS)
        return err_set(e, ERR_INVALID, "照片尺寸过大（%u×%u 像素），不生成缩略图", ci->image_width,
                       ci->image_height);
    for (jpeg_saved_marker_ptr m = ci->marker_list; m; m = m->next)
        if (m->marker == JPEG_APP0 + 1) j->orientation = exif_orientation(m->data, m->data_length);
    bool cmyk = ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK;
    ci->out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    ci->scale_num = 1;
    ci->scale_denom = (unsigned)jpeg_denom(ci->image_width, ci->image_height, max_px);
    ci->dct_method = JDCT_IFAST;
    ci->do_fancy_upsampling = FALSE;
    jpeg_start_decompress(ci);
    image_alloc(&j->im, (int)ci->output_width, (int)ci->output_height);
    if (cmyk) j->cm = xmalloc((size_t)ci->output_width * 4);
    return 0;
}

/* Decode the JPEG of s into j->im. */
static int jpeg_decode(struct jpeg_job *j, const struct source *s, int max_px, struct err *e)
{
    struct jpeg_decompress_struct *ci = &j->cinfo;
    if (setjmp(j->err.back))
        return err_set(e, ERR_INVALID, "照片无法解码（%s），不生成缩略图", j->err.msg);
    jpeg_create_decompress(ci);
    ci->mem->max_memory_to_use = THUMB_MAX_MEMORY;
    ci->progress = &j->progress;
    int rc = jpeg_start(j, s, max_px, e);
    if (rc) return rc;
    while (ci->output_scanline < ci->output_height) {
        unsigned char *row = j->im.px + (size_t)ci->output_scanline * ci->output_width * 3;
        JSAMPROW rows[1] = {j->cm ? j->cm : row};
        jpeg_read_scanlines(ci, rows, 1);
        if (j->cm) {
            cmyk_row(j->cm, (int)ci->output_width);
            memcpy(row, j->cm, (size_t)ci->output_width * 3);
        }
    }
    jpeg_finish_decompress(ci);
    return 0;
}

static int jpeg_read(const struct source *s, int max_px, struct image *out, int *orientation,
                     struct err *e)
{
    struct jpeg_job *j = xcalloc(1, sizeof *j);
    j->cinfo.err = &j->err.mgr;
    jerr_init(&j->err);
    j->progress.progress_monitor = jpeg_progress;
    int rc = jpeg_decode(j, s, max_px, e);
    jpeg_destroy_decompress(&j->cinfo);
    free(j->cm);
    if (rc)
        image_free(&j->im);
    else
        *out = j->im;
    *orientation = j->orientation;
    free(j);
    return rc;
}

/* The state of one JPEG encode, in memory so that it survives a longjmp. */
struct jpeg_out {
    struct jpeg_compress_struct cinfo;
    struct jerr err;
    unsigned char *mem; /* jpeg_mem_dest's buffer (malloc'd by libjpeg) */
    unsigned long len;
};

static int jpeg_encode(struct jpeg_out *o, const struct image *im, struct buf *out, struct err *e)
{
    struct jpeg_compress_struct *ci = &o->cinfo;
    if (setjmp(o->err.back)) return err_set(e, ERR_INTERNAL, "缩略图编码失败：%s", o->err.msg);
    jpeg_create_compress(ci);
    jpeg_mem_dest(ci, &o->mem, &o->len);
    ci->image_width = (JDIMENSION)im->w;
    ci->image_height = (JDIMENSION)im->h;
    ci->input_components = 3;
    ci->in_color_space = JCS_RGB;
    jpeg_set_defaults(ci);
    jpeg_set_quality(ci, THUMB_QUALITY, TRUE);
    jpeg_start_compress(ci, TRUE);
    while (ci->next_scanline < ci->image_height) {
        JSAMPROW rows[1] = {im->px + (size_t)ci->next_scanline * (size_t)im->w * 3};
        jpeg_write_scanlines(ci, rows, 1);
    }
    jpeg_finish_compress(ci);
    buf_add(out, o->mem, o->len);
    return 0;
}

static int jpeg_write(const struct image *im, struct buf *out, struct err *e)
{
    struct jpeg_out *o = xcalloc(1, sizeof *o);
    o->cinfo.err = &o->err.mgr;
    jerr_init(&o->err);
    int rc = jpeg_encode(o, im, out, e);
    jpeg_destroy_compress(&o->cinfo);
    free(o->mem);
    free(o);
    return rc;
}

/* ---- PNG ------------------------------------------------------------------------------------- */

static cairo_status_t png_read_fn(void *closure, unsigned char *data, unsigned int len)
{
    struct source *s = closure;
    if (s->f)
        return fread(data, 1, len, s->f) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR;
    if (s->len - s->pos < len) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, s->mem + s->pos, len);
    s->pos += len;
    return CAIRO_STATUS_SUCCESS;
}

/* The declared size of a PNG from its IHDR chunk (bytes 16–23), before cairo allocates for it. */
static int png_check(struct source *s, struct err *e)
{
    unsigned char h[24];
    if (png_read_fn(s, h, sizeof h) != CAIRO_STATUS_SUCCESS || memcmp(h + 12, "IHDR", 4) != 0)
        return err_set(e, ERR_INVALID, "照片无法解码（PNG 文件头不完整），不生成缩略图");
    uint64_t w = exif_u32(h + 16, false), hh = exif_u32(h + 20, false);
    if (w * hh > THUMB_MAX_PNG_PIXELS)
        return err_set(e, ERR_INVALID, "照片尺寸过大（%llu×%llu 像素），不生成缩略图",
                       (unsigned long long)w, (unsigned long long)hh);
    if (s->f) rewind(s->f);
    s->pos = 0;
    return 0;
}

/* Decode the PNG of s into out, transparency flattened on white. */
static int png_read(struct source *s, struct image *out, struct err *e)
{
    int rc = png_check(s, e);
    if (rc) return rc;
    cairo_surface_t *sf = cairo_image_surface_create_from_png_stream(png_read_fn, s);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
        rc = err_set(e, ERR_INVALID, "照片无法解码（%s），不生成缩略图",
                     cairo_status_to_string(cairo_surface_status(sf)));
        cairo_surface_destroy(sf);
        return rc;
    }
    /* cairo's pixels are premultiplied ARGB: over white, each channel is c + (255 - alpha) */
    int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
    cairo_surface_flush(sf);
    const unsigned char *data = cairo_image_surface_get_data(sf);
    int stride = cairo_image_surface_get_stride(sf);
    image_alloc(out, w, h);
    for (int y = 0; y < h; y++) {
        const uint32_t *p = (const uint32_t *)(const void *)(data + (size_t)y * stride);
        unsigned char *q = out->px + (size_t)y * w * 3;
        for (int x = 0; x < w; x++, q += 3) {
            unsigned bg = 255 - (p[x] >> 24);
            q[0] = (unsigned char)(((p[x] >> 16) & 0xff) + bg);
            q[1] = (unsigned char)(((p[x] >> 8) & 0xff) + bg);
            q[2] = (unsigned char)((p[x] & 0xff) + bg);
        }
    }
    cairo_surface_destroy(sf);
    return 0;
}

/* ---- the thumbnail --------------------------------------------------------------------------- */

static int make(struct source *s, const char *content_type, int max_px, struct buf *out,
                struct err *e)
{
    assert(max_px > 0);
    struct image im = {0};
    int orientation = 1, rc;
    if (content_type && strcmp(content_type, "image/jpeg") == 0)
        rc = jpeg_read(s, max_px, &im, &orientation, e);
    else if (content_type && strcmp(content_type, "image/png") == 0)
        rc = png_read(s, &im, e);
    else
        return THUMB_UNSUPPORTED;
    if (rc) return rc;
    int tw, th;
    fit(im.w, im.h, max_px, &tw, &th);
    if (tw != im.w || th != im.h) {
        struct image small;
        shrink(&im, tw, th, &small);
        image_free(&im);
        im = small;
    }
    orient(&im, orientation);
    rc = jpeg_write(&im, out, e);
    image_free(&im);
    return rc;
}

int thumb_make(const char *src_path, const char *content_type, int max_px, struct buf *out,
               struct err *e)
{
    if (!content_type ||
        (strcmp(content_type, "image/jpeg") != 0 && strcmp(content_type, "image/png") != 0))
        return THUMB_UNSUPPORTED;
    struct source s = {.f = fopen(src_path, "rbe")};
    if (!s.f) return err_set(e, ERR_NOTFOUND, "照片文件缺失，不生成缩略图");
    int rc = make(&s, content_type, max_px, out, e);
    fclose(s.f);
    return rc;
}

int thumb_make_mem(const void *data, size_t len, const char *content_type, int max_px,
                   struct buf *out, struct err *e)
{
    struct source s = {.mem = data, .len = len};
    return make(&s, content_type, max_px, out, e);
}
