/* public_url.c — the public site's configured address (public_url.h). */
#include "web/public_url.h"
#include "base/util.h"

#include <ctype.h>
#include <string.h>

static char configured[PUBLIC_URL_MAX + 1]; /* "" when none */

/* Whether url is an absolute http(s) address of a host with nothing a link should not carry. */
static bool acceptable(const char *url)
{
    const char *host = str_prefix(url, "https://")  ? url + 8
                       : str_prefix(url, "http://") ? url + 7
                                                    : NULL;
    if (!host || !*host || *host == '/' || *host == ':') return false;
    for (const char *p = url; *p; p++)
        if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p) || *p == '?' || *p == '#' ||
            *p == '"' || *p == '<' || *p == '>' || *p == '\\' || *p == '@')
            return false;
    return true;
}

/* [R-PUB-24] The address a 公示牌's QR code points at is the operator's configuration, never the
 * request's Host header: whoever sends the request writes that, and a printed sign cannot be
 * corrected afterwards. */
int public_url_set(const char *url, struct err *e)
{
    if (str_blank(url)) {
        configured[0] = 0;
        return 0;
    }
    size_t n = strlen(url);
    while (n > 0 && url[n - 1] == '/')
        n--;
    if (n > PUBLIC_URL_MAX || !acceptable(url))
        return err_field(e, "public_url",
                         "公开网站地址应为 http:// 或 https:// 开头的完整地址（不超过 %d 个字符，"
                         "不含查询参数）：%s",
                         PUBLIC_URL_MAX, url);
    memcpy(configured, url, n);
    configured[n] = 0;
    return 0;
}

const char *public_url(void)
{
    return configured[0] ? configured : NULL;
}

const char *public_url_of(struct arena *a, const char *path)
{
    return configured[0] ? arena_printf(a, "%s%s", configured, path) : NULL;
}
