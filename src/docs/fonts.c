/* fonts.c — cut-down copies of the Noto CJK faces for documents, and the per-thread font maps
 * over them (see fonts.h for why). */
#include "docs/fonts.h"
#include "base/buf.h"
#include "base/log.h"

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <iconv.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SUBSET_VERSION 1 /* part of the copies' names: raise it when the character set changes */

/* The faces document.c asks for, as fontconfig patterns. */
static const char *const faces[] = {
    "Noto Serif CJK SC:style=Regular",
    "Noto Serif CJK SC:style=Bold",
    "Noto Sans CJK SC:style=Bold",
};

/* Code points kept besides GB 2312: ASCII, Latin-1 signs, general punctuation, letter-like
 * symbols and number forms (№, Ⅻ), circled numbers, geometric shapes (□, ○), CJK symbols and
 * punctuation, full-width forms. */
static const unsigned ranges[][2] = {
    {0x20, 0x7e},     {0xa0, 0xff},     {0x2010, 0x206f}, {0x2100, 0x218f},
    {0x2460, 0x24ff}, {0x25a0, 0x25ff}, {0x3000, 0x303f}, {0xff00, 0xffef},
};

static FcConfig *small_config; /* fontconfig over the copies; NULL when they could not be made */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t thread_map; /* this thread's PangoFontMap over small_config */

/* Add every character of GB 2312 (its 7,445 two-byte codes) to set. */
static int add_gb2312(hb_set_t *set)
{
    iconv_t cd = iconv_open("UTF-32BE", "GB2312");
    if (cd == (iconv_t)-1) return -1;
    for (int hi = 0xa1; hi <= 0xf7; hi++) {
        for (int lo = 0xa1; lo <= 0xfe; lo++) {
            char in[2] = {(char)hi, (char)lo};
            unsigned char out[4];
            char *ip = in, *op = (char *)out;
            size_t il = sizeof in, ol = sizeof out;
            if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && ol == 0)
                hb_set_add(set, (hb_codepoint_t)out[0] << 24 | (hb_codepoint_t)out[1] << 16 |
                                    (hb_codepoint_t)out[2] << 8 | out[3]);
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    return 0;
}

/* Write the cut-down copy of face index of the font file src to dst (through a temporary file
 * renamed into place, so concurrent processes never read half a file). */
static int make_copy(const char *src, int index, const char *dst)
{
    int rc = -1;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(src);
    hb_face_t *face = blob ? hb_face_create(blob, (unsigned)index) : NULL;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_face_t *cut = NULL;
    if (!face || !in) goto out;
    hb_set_t *set = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < countof(ranges); i++)
        hb_set_add_range(set, ranges[i][0], ranges[i][1]);
    if (add_gb2312(set)) goto out;
    /* no subroutines: cairo then embeds only the outlines a document uses */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE);
    if (!(cut = hb_subset_or_fail(face, in))) goto out;
    hb_blob_t *data = hb_face_reference_blob(cut);
    unsigned len = 0;
    const char *bytes = hb_blob_get_data(data, &len);
    char tmp[640];
    snprintf(tmp, sizeof tmp, "%s.%d.tmp", dst, (int)getpid());
    FILE *fp = len ? fopen(tmp, "wb") : NULL;
    if (fp) {
        bool written = fwrite(bytes, 1, len, fp) == len;
        written = fclose(fp) == 0 && written;
        rc = written ? rename(tmp, dst) : -1;
        if (rc) unlink(tmp);
    }
    hb_blob_destroy(data);
out:
    hb_face_destroy(cut);
    hb_subset_input_destroy(in);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return rc;
}

/* The directory of the copies into dir: $LANDUN_FONT_CACHE, or /tmp/landun-fonts-UID (made
 * private to this user, and refused when someone else owns it). */
static int cache_dir(char *dir, size_t n)
{
    const char *env = getenv("LANDUN_FONT_CACHE");
    if (env && *env)
        snprintf(dir, n, "%s", env);
    else
        snprintf(dir, n, "/tmp/landun-fonts-%u", (unsigned)getuid());
    if (mkdir(dir, 0700) && errno != EEXIST) return -1;
    struct stat st;
    if (lstat(dir, &st) || !S_ISDIR(st.st_mode) || st.st_uid != getuid()) return -1;
    return (st.st_mode & 022) && !(env && *env) ? -1 : 0;
}

/* The cut-down copy of one face into path (made when missing). */
static int copy_of(const char *pattern, const char *dir, char *path, size_t n)
{
    FcPattern *p = FcNameParse((const FcChar8 *)pattern);
    FcConfigSubstitute(NULL, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, p, &res);
    FcPatternDestroy(p);
    FcChar8 *file = NULL, *family = NULL;
    int index = 0, rc = -1;
    struct stat st;
    if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetString(m, FC_FAMILY, 0, &family) == FcResultMatch &&
        FcPatternGetInteger(m, FC_INDEX, 0, &index) == FcResultMatch &&
        strncmp((const char *)family, pattern, strcspn(pattern, ":")) == 0 &&
        stat((const char *)file, &st) == 0) {
        const char *base = strrchr((const char *)file, '/');
        snprintf(path, n, "%s/%s-%d-%lld-%lld-v%d.otf", dir, base ? base + 1 : (char *)file, index,
                 (long long)st.st_size, (long long)st.st_mtime, SUBSET_VERSION);
        rc = access(path, R_OK) == 0 ? 0 : make_copy((const char *)file, index, path);
    }
    if (m) FcPatternDestroy(m);
    return rc;
}

/* A thread ends: release its font map. */
static void drop_thread_map(void *map)
{
    g_object_unref(map);
}

/* Make (or find) the copies and a fontconfig configuration over them, once per process. */
static void build(void)
{
    if (pthread_key_create(&thread_map, drop_thread_map)) return;
    char dir[400], path[600];
    if (cache_dir(dir, sizeof dir)) {
        log_warn("documents: no private font cache directory %s; using the full fonts", dir);
        return;
    }
    FcConfig *config = FcConfigCreate();
    for (size_t i = 0; i < countof(faces); i++) {
        if (copy_of(faces[i], dir, path, sizeof path) ||
            !FcConfigAppFontAddFile(config, (const FcChar8 *)path)) {
            log_warn("documents: no cut-down copy of %s in %s; using the full fonts", faces[i],
                     dir);
            FcConfigDestroy(config);
            return;
        }
    }
    small_config = config;
}

PangoFontMap *doc_fonts_small(void)
{
    pthread_once(&once, build);
    if (!small_config) return NULL;
    PangoFontMap *map = pthread_getspecific(thread_map);
    if (!map) {
        map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        if (!map) return NULL;
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), small_config);
        pthread_setspecific(thread_map, map);
    }
    return map;
}

PangoFontMap *doc_fonts_full(void)
{
    return pango_cairo_font_map_get_default();
}
