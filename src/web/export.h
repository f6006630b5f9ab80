/* export.h — answering a request with a spreadsheet written by docs/. */
#ifndef LANDUN_WEB_EXPORT_H
#define LANDUN_WEB_EXPORT_H

#include "web/http.h"

/* Write a spreadsheet with writer (format from ?format=xlsx|csv, default xlsx) into a temporary
 * file and send it as a download named "<name>.<ext>". */
int export_serve(struct req *r, struct resp *w, const char *name,
                 int (*writer)(struct ctx *c, const char *path, struct err *e));

#endif
