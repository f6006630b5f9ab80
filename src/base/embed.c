/* embed.c — reads the blob that tools/bundle.py packed and the build linked in. */
#include "base/embed.h"
#include "base/util.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const unsigned char landun_bundle[];
extern const unsigned char landun_bundle_end[];

static struct embed_file *files; /* sorted by name (bundle.py writes them sorted) */
static size_t nfiles;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void load(void)
{
    const unsigned char *p = landun_bundle, *end = landun_bundle_end;
    /* Both symbols label one blob (bundle.S), so their difference is its size. */
    // cppcheck-suppress comparePointers
    if (end - p < 8 || memcmp(p, "LDNB", 4) != 0) fatal("embedded bundle is corrupt");
    nfiles = rd32(p + 4);
    p += 8;
    files = xcalloc(nfiles, sizeof *files);
    for (size_t i = 0; i < nfiles; i++) {
        if (end - p < 8) fatal("embedded bundle is truncated");
        uint32_t nl = rd32(p), dl = rd32(p + 4);
        p += 8;
        if ((size_t)(end - p) < (size_t)nl + dl + 2) fatal("embedded bundle is truncated");
        files[i].name = (const char *)p;
        files[i].data = (const char *)p + nl + 1;
        files[i].len = dl;
        uint32_t h = 2166136261u;
        for (uint32_t k = 0; k < dl; k++)
            h = (h ^ (unsigned char)files[i].data[k]) * 16777619u;
        snprintf(files[i].etag, sizeof files[i].etag, "\"%08x%08x\"", h, dl);
        p += nl + dl + 2;
    }
}

static int cmp_name(const void *key, const void *elem)
{
    return strcmp(key, ((const struct embed_file *)elem)->name);
}

const struct embed_file *embed_find(const char *name)
{
    pthread_once(&once, load);
    return bsearch(name, files, nfiles, sizeof *files, cmp_name);
}

size_t embed_list(const char *prefix, const struct embed_file **first)
{
    pthread_once(&once, load);
    size_t n = 0, start = nfiles;
    for (size_t i = 0; i < nfiles; i++) {
        if (str_prefix(files[i].name, prefix)) {
            if (start == nfiles) start = i;
            n++;
        } else if (n) {
            break;
        }
    }
    *first = n ? &files[start] : NULL;
    return n;
}
