/* route_match.c — which route a path takes (see route_match.h). */
#include "web/route_match.h"
#include "law/role.h"

#include <string.h>

bool route_match(const char *pattern, const char *path, struct arena *a, const char **args,
                 int *nargs)
{
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (!close || n >= MAX_PATH_ARGS) return false;
            size_t len = strcspn(s, "/"), suffix = strcspn(close + 1, "/");
            /* the literal rest of the segment ends the value: {id}.pdf */
            if (len <= suffix || strncmp(s + len - suffix, close + 1, suffix) != 0) return false;
            args[n++] = arena_strndup(a, s, len - suffix);
            p = close + 1 + suffix;
            s += len;
            continue;
        }
        if (*p != *s) return false;
        p++;
        s++;
    }
    if (*p || *s) return false;
    *nargs = n;
    return true;
}

#define RANK_SEGMENTS 16 /* segments weighed; no route has more */

unsigned route_rank(const char *pattern)
{
    unsigned rank = 0;
    int seg = 0;
    for (const char *p = pattern; *p && seg < RANK_SEGMENTS; seg++) {
        p += *p == '/';
        if (*p != '{') rank |= 1u << (RANK_SEGMENTS - 1 - seg);
        p += strcspn(p, "/");
    }
    return rank;
}

/* Whether a and b differ only in the names inside their {…}. */
static bool same_shape(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a == '{' && *b == '{') {
            a = strchr(a, '}');
            b = strchr(b, '}');
            if (!a || !b) return false;
        } else if (*a != *b) {
            return false;
        }
        a++;
        b++;
    }
    return !*a && !*b;
}

int route_table_check(const struct route *t, size_t n, struct err *e)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i].perm <= PERM_NONE || t[i].perm >= PERM_COUNT || !t[i].faces || !t[i].handler)
            return err_set(e, ERR_INTERNAL, "route %s %s has no permission, face or handler",
                           t[i].method, t[i].pattern);
        for (size_t j = 0; j < i; j++)
            if ((t[i].faces & t[j].faces) && strcmp(t[i].method, t[j].method) == 0 &&
                same_shape(t[i].pattern, t[j].pattern))
                return err_set(e, ERR_INTERNAL, "route %s %s shadows %s %s", t[i].method,
                               t[i].pattern, t[j].method, t[j].pattern);
    }
    return 0;
}
