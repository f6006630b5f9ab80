/* public_url.h — the public site's own address, as the operator configured it (landun serve
 * --public-url, or LANDUN_PUBLIC_URL): what the QR code on an entity's 公示牌 points at. It is
 * never taken from a request's Host header, which the client writes. */
#ifndef LANDUN_PUBLIC_URL_H
#define LANDUN_PUBLIC_URL_H

#include "base/arena.h"
#include "base/err.h"

#define PUBLIC_URL_MAX 200 /* the longest address accepted */

/* Set the address: http:// or https://, a host, an optional path, no query, fragment or white
 * space; a trailing slash is dropped. NULL or "" clears it. Called once before the server
 * starts (not while requests run). ERR_INVALID (field "public_url") when url is not one. */
int public_url_set(const char *url, struct err *e);

/* The address without a trailing slash ("https://wsjd.example.gov.cn"), or NULL when none is
 * configured. */
const char *public_url(void);

/* The absolute address of path (beginning with /) on the arena, or NULL when no address is
 * configured. */
const char *public_url_of(struct arena *a, const char *path);

#endif
