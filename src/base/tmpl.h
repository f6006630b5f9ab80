/* tmpl.h — templates: a mustache subset compiled once at start-up, rendered from jansson data.
 * The web's pages are HTML templates (escaped by default); the documents' declarations
 * (docs/doc_layout.h) are plain-text templates over a record (tmpl_set_plain: nothing escaped).
 *
 * Syntax
 *   {{name}} {{a.b.c}} {{.}}   value, HTML-escaped (& < > " '). Strings as is, integers in decimal,
 *                              reals with %g, true → "true"; null, false, missing, objects and
 *                              arrays → "". The first segment of a dotted name is searched up the
 *                              context stack (innermost first); the rest only within what it found.
 *                              So a key missing from an element is taken from outer data: give
 *                              recursive data (trees) explicit "children": [] on the leaves.
 *   {{{name}}} {{& name}}      the same without escaping: only for fragments the program rendered.
 *   {{#name}}…{{/name}}        array → once per element (element pushed); object, true, non-empty
 *                              string, non-zero number → once (value pushed); false, null, missing,
 *                              empty array, "" and 0 → skipped.
 *   {{^name}}…{{/name}}        rendered exactly when {{#name}} would be skipped (nothing pushed).
 *   {{> dir/partial.html}}     another template of the same set, with the current context; resolved
 *                              when rendering; nesting deeper than 32 is a render error.
 *   {{! comment }}             dropped.
 *   {{@index}} {{@number}}     0- and 1-based position in the innermost array section;
 *   {{#@first}} {{#@last}}     sections on the first / last element (they push nothing, so {{.}}
 *                              inside still is the element). Outside an array they are missing.
 * Whitespace inside tags is allowed ({{ name }}); standalone lines are not trimmed.
 * Names are ASCII letters, digits, '_' and '-' (and UTF-8 bytes), segments joined by '.'.
 * Unknown or unterminated tags, empty names, unbalanced sections and set-delimiter tags are compile
 * errors: ERR_INTERNAL with "template NAME line N: …". Limits: 100 sections open at once in one
 * template (compile error), 256 levels of sections and partials while rendering (render error).
 *
 * Threads: tmpl_set_new/tmpl_add/tmpl_set_free must not run concurrently with anything else on the
 * set; once loading is done the set is read-only and any number of threads may tmpl_render at once.
 */
#ifndef LANDUN_TMPL_H
#define LANDUN_TMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"

struct tmpl_set; /* compiled templates by name */

/* A new, empty set; free with tmpl_set_free. Never NULL. */
struct tmpl_set *tmpl_set_new(void);
/* Free the set and every template in it; NULL is allowed. */
void tmpl_set_free(struct tmpl_set *);
/* Make {{name}} in every template of the set print values as they are, not HTML-escaped: for
 * text that is not HTML (a document's lines, laid out by the PDF engine). Default: escaped. */
void tmpl_set_plain(struct tmpl_set *, bool plain);
/* Compile src (len bytes, need not be NUL-terminated) under name (e.g. "entity/list.html");
 * replaces an existing one. Returns 0, or ERR_INTERNAL with the line in e->msg; on failure the set
 * is unchanged (a previous template of that name stays). */
int tmpl_add(struct tmpl_set *, const char *name, const char *src, size_t len, struct err *e);
/* True when a template called name was added. */
bool tmpl_has(const struct tmpl_set *, const char *name);
/* Render name with data appended to out. data may be NULL (renders as an empty context); it is
 * only read, never changed or reference-counted. Returns 0, or ERR_NOTFOUND (no such template) or
 * ERR_INTERNAL (missing partial, nesting too deep) with out restored to its length on entry. */
int tmpl_render(const struct tmpl_set *, const char *name, json_t *data, struct buf *out,
                struct err *e);
/* Render a template given as a string once (compile+render+free), for tests and one-offs.
 * Partials are never found there. Returns as tmpl_add / tmpl_render. */
int tmpl_render_string(const char *src, json_t *data, struct buf *out, struct err *e);

#endif
