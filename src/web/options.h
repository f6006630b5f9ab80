/* options.h — choices for <select> and checkbox groups, with the current value(s) marked. */
#ifndef LANDUN_OPTIONS_H
#define LANDUN_OPTIONS_H

#include <jansson.h>
#include "web/http.h"

/* [{code,label,selected}] for a catalogue list; selected holds one code or a comma list. */
json_t *options_catalog(const char *list, const char *selected);
/* [{code,label,selected}] from a static table of code/label pairs ending with {NULL, NULL}. */
json_t *options_table(const char *const (*table)[2], const char *selected);
/* Agencies in the actor's scope as options (code, indented name). */
json_t *options_agencies(struct req *r, const char *selected);

#endif
