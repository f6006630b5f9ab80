/* embed.h — files compiled into the binary (templates, assets, migrations, data). */
#ifndef LANDUN_EMBED_H
#define LANDUN_EMBED_H

#include <stddef.h>

/* One embedded file. data is NUL-terminated (the NUL is not counted in len). */
struct embed_file {
    const char *name; /* path relative to the source root, e.g. "templates/layout.html" */
    const char *data; /* contents; static */
    size_t len;       /* bytes */
    char etag[20];    /* quoted short hash of the contents, for HTTP caching */
};

/* The file called name, or NULL. Thread-safe. */
const struct embed_file *embed_find(const char *name);
/* Every file whose name starts with prefix, in name order; returns the count and sets *first. */
size_t embed_list(const char *prefix, const struct embed_file **first);

#endif
