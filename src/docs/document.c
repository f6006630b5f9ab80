/* document.c — the enforcement document engine: a struct document becomes an A4 PDF (cairo +
 * pango, Noto CJK fonts) laid out after the printed forms of the 卫生行政执法文书规范.
 *
 * Rendering runs in two passes. The flow pass lays every piece of text out with pango (which
 * breaks Chinese lines by the Unicode rules: no line starts with "。" or "，") and places it line
 * by line on pages, so that a page break never cuts a line and a heading stays with the lines
 * after it. It collects a display list: text lines and rules, each with its page. Only then is
 * the page count known, and the draw pass paints the pages, each with "第 N 页 共 M 页".
 *
 * Thread safety: each call makes its own pango context on the calling thread's own font map
 * (docs/fonts.h), and nothing here is global, so several server threads may render at once. */
#include "docs/document.h"
#include "docs/fonts.h"
#include "base/date.h"
#include "base/log.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

/* ---- Page geometry, in PDF points (1/72 inch) ---- */

#define PT_PER_MM     (72.0 / 25.4)
#define PAGE_W        (210.0 * PT_PER_MM) /* A4 portrait */
#define PAGE_H        (297.0 * PT_PER_MM)
#define MARGIN_TOP    (28.0 * PT_PER_MM)
#define MARGIN_BOTTOM (26.0 * PT_PER_MM) /* the footer sits inside it */
#define MARGIN_LEFT   (27.0 * PT_PER_MM) /* the bound edge */
#define MARGIN_RIGHT  (24.0 * PT_PER_MM)
#define TEXT_LEFT     MARGIN_LEFT
#define TEXT_RIGHT    (PAGE_W - MARGIN_RIGHT)
#define TEXT_W        (TEXT_RIGHT - TEXT_LEFT)
#define TEXT_BOTTOM   (PAGE_H - MARGIN_BOTTOM)
#define FOOTER_BASE   (PAGE_H - 15.0 * PT_PER_MM) /* baseline of "第 N 页 共 M 页" */
#define RULE_WIDTH    0.6                         /* underlines to fill in */
#define RULE_DROP     0.26 /* underline below the baseline, in ems of the text it underlines */
#define CJK_MIDDLE    0.38 /* middle of the CJK em box above the baseline, in ems */

#define BLANK_DATE      "　　　年　　月　　日" /* a date to write in by hand */
#define FONT_SERIF      "Noto Serif CJK SC"
#define FONT_SERIF_BOLD "Noto Serif CJK SC Bold"
#define FONT_SANS_BOLD  "Noto Sans CJK SC Bold"

/* A text style: font, size (pt) and the height of one line (pt). The sizes are the 字号 of
 * printed forms: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt. */
struct style {
    const char *font; /* fontconfig family and weight */
    double size;      /* em size in points */
    double pitch;     /* baseline to baseline */
};

static const struct style ST_AGENCY = {FONT_SERIF_BOLD, 16, 30};
static const struct style ST_TITLE = {FONT_SERIF_BOLD, 22, 40};
static const struct style ST_NUMBER = {FONT_SERIF, 12, 24};
static const struct style ST_FIELD = {FONT_SERIF, 12, 27};
static const struct style ST_HEADING = {FONT_SANS_BOLD, 12, 26};
static const struct style ST_BODY = {FONT_SERIF, 12, 23};
static const struct style ST_SIGN = {FONT_SERIF, 12, 30};
static const struct style ST_SEAL = {FONT_SERIF, 12, 24};
static const struct style ST_SMALL = {FONT_SERIF, 10.5, 17};
static const struct style ST_FOOTER = {FONT_SERIF, 9, 12};

/* ---- The flow pass: text laid out and placed on pages ---- */

/* One entry of the display list: a line of text, or a rule to fill in by hand. */
struct item {
    int page;            /* 0-based page within one copy */
    PangoLayout *layout; /* the text line's layout (owned by the flow); NULL for a rule */
    int line;            /* the line's index in layout */
    double x, y;         /* text: left end and baseline; rule: left end and height */
    double x2;           /* rule: right end */
};

/* The state of a rendering. */
struct flow {
    PangoContext *pc;    /* this call's context on this thread's font map */
    struct item *items;  /* the display list */
    size_t nitems, cap;  /* entries used and allocated */
    PangoLayout **owned; /* every layout made, released at the end */
    size_t nowned, ocap; /* entries used and allocated */
    int page;            /* the page being filled, 0-based */
    double y;            /* top of the next line on that page */
    double break_y;      /* where the last page break happened on the page before it */
    int missing;         /* glyphs no font had, over every layout placed */
    struct mark {        /* a position in the flow, to move what follows to the next page */
        size_t item;     /* the first item after it */
        int page;        /* its page */
        double y;        /* its height on that page */
    } before_last[2];    /* the positions before the last two lines placed by place_lines */
    struct mark heading; /* the position before the last heading */
    size_t heading_end;  /* the first item after that heading's lines (0: none yet) */
};

/* A new layout of text in style st, wrapped at width points (0: one unwrapped line), owned by
 * the flow. */
static PangoLayout *text_layout(struct flow *f, const struct style *st, const char *text,
                                double width)
{
    PangoLayout *l = pango_layout_new(f->pc);
    PangoFontDescription *fd = pango_font_description_from_string(st->font);
    pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(l, text ? text : "", -1);
    if (f->nowned == f->ocap) {
        f->ocap = f->ocap ? 2 * f->ocap : 64;
        f->owned = xrealloc(f->owned, f->ocap * sizeof *f->owned);
    }
    f->owned[f->nowned++] = l;
    return l;
}

/* The logical width of a layout in points. */
static double layout_width(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)w / PANGO_SCALE;
}

/* A new, zeroed entry of the display list on the current page. */
static struct item *push(struct flow *f)
{
    if (f->nitems == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 256;
        f->items = xrealloc(f->items, f->cap * sizeof *f->items);
    }
    struct item *it = &f->items[f->nitems++];
    memset(it, 0, sizeof *it);
    it->page = f->page;
    return it;
}

/* Add line `line` of l, its left end at x and its baseline at y, on the current page. */
static void push_text(struct flow *f, PangoLayout *l, int line, double x, double y)
{
    struct item *it = push(f);
    it->layout = l;
    it->line = line;
    it->x = x;
    it->y = y;
}

/* Add a rule from x1 to x2 at height y on the current page. */
static void push_rule(struct flow *f, double x1, double x2, double y)
{
    struct item *it = push(f);
    it->x = x1;
    it->x2 = x2;
    it->y = y;
}

/* Start a new page unless h more points fit below the current position (or the page is still
 * empty: what is taller than a page is placed anyway, one line at a time). */
static void need(struct flow *f, double h)
{
    if (f->y + h > TEXT_BOTTOM && f->y > MARGIN_TOP + 0.5) {
        f->break_y = f->y;
        f->page++;
        f->y = MARGIN_TOP;
    }
}

/* The current position. */
static struct mark mark_here(const struct flow *f)
{
    return (struct mark){f->nitems, f->page, f->y};
}

/* Keep what was placed since *m on one page: when a page break fell inside it, move its part
 * on the earlier page to the top of the next, pushing the rest down (when it all fits there);
 * *m then marks where the group now starts. Used so that the seal and signatures never stand
 * alone on a last page. */
static void keep_together(struct flow *f, struct mark *m)
{
    if (f->page != m->page + 1 || m->y <= MARGIN_TOP + 0.5) return;
    double above = f->break_y - m->y; /* height of the part left on the earlier page */
    if (f->y + above > TEXT_BOTTOM) return;
    for (size_t i = m->item; i < f->nitems; i++) {
        struct item *it = &f->items[i];
        if (it->page == m->page) {
            it->page = f->page;
            it->y += MARGIN_TOP - m->y;
        } else {
            it->y += above;
        }
    }
    f->y += above;
    *m = (struct mark){m->item, f->page, MARGIN_TOP};
}

/* The baseline of a line of style st whose line box starts at top. */
static double baseline(const struct style *st, double top)
{
    return top + st->pitch / 2 + CJK_MIDDLE * st->size;
}

/* Place every line of l with its layout origin at x, one line box of st each, breaking pages
 * between lines. When rule_to > rule_from each line is underlined between them. Returns the
 * baseline of the first line (on whatever page it landed). */
static double place_lines(struct flow *f, PangoLayout *l, const struct style *st, double x,
                          double rule_from, double rule_to)
{
    f->missing += pango_layout_get_unknown_glyphs_count(l);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double first = 0;
    int i = 0;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        need(f, st->pitch);
        f->before_last[0] = f->before_last[1];
        f->before_last[1] = mark_here(f);
        double base = baseline(st, f->y);
        if (i == 0) first = base;
        push_text(f, l, i, x + (double)logical.x / PANGO_SCALE, base);
        if (rule_to > rule_from) push_rule(f, rule_from, rule_to, base + RULE_DROP * st->size);
        f->y += st->pitch;
        i++;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return first;
}

/* Place the first line of l with its left end at x on baseline base of the current page (a
 * label beside the first line of its value). */
static void place_beside(struct flow *f, PangoLayout *l, double x, double base)
{
    f->missing += pango_layout_get_unknown_glyphs_count(l);
    push_text(f, l, 0, x, base);
}

/* A date "YYYY-MM-DD" as printed: "2026年11月23日" into out; a blank "　　年　月　日" to fill in by
 * hand when date is NULL or empty; the text itself when it is not a date. */
static void print_date(const char *date, char *out, size_t n)
{
    day_t d;
    int y, m, dd;
    if (!date || !*date) {
        snprintf(out, n, "%s", BLANK_DATE);
    } else if (date_parse(date, &d) == 0) {
        date_ymd(d, &y, &m, &dd);
        snprintf(out, n, "%d年%d月%d日", y, m, dd);
    } else {
        snprintf(out, n, "%s", date);
    }
}

/* ---- The parts of a document, top to bottom ---- */

/* Letter spacing of a title of n characters: wide for short titles ("现 场 笔 录"), none for
 * long ones, as on the printed forms. */
static double title_spacing(long n)
{
    if (n <= 4) return 1.0;
    if (n <= 6) return 0.5;
    if (n <= 8) return 0.25;
    return 0;
}

/* Agency name and title, centred; the number right-aligned below. */
static void put_head(struct flow *f, const struct document *d)
{
    if (d->agency_name && *d->agency_name) {
        PangoLayout *l = text_layout(f, &ST_AGENCY, d->agency_name, TEXT_W);
        pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
        place_lines(f, l, &ST_AGENCY, TEXT_LEFT, 0, 0);
    }
    PangoLayout *t = text_layout(f, &ST_TITLE, d->title, TEXT_W);
    pango_layout_set_alignment(t, PANGO_ALIGN_CENTER);
    double spacing = title_spacing(g_utf8_strlen(d->title, -1)) * ST_TITLE.size;
    if (spacing > 0) {
        PangoAttrList *attrs = pango_attr_list_new();
        pango_attr_list_insert(attrs, pango_attr_letter_spacing_new((int)(spacing * PANGO_SCALE)));
        pango_layout_set_attributes(t, attrs);
        pango_attr_list_unref(attrs);
    }
    place_lines(f, t, &ST_TITLE, TEXT_LEFT, 0, 0);
    if (d->number && *d->number) {
        struct buf b = {0};
        if (d->number_label && *d->number_label) buf_addf(&b, "%s：", d->number_label);
        buf_adds(&b, d->number);
        PangoLayout *n = text_layout(f, &ST_NUMBER, buf_str(&b), TEXT_W);
        buf_free(&b);
        pango_layout_set_alignment(n, PANGO_ALIGN_RIGHT);
        place_lines(f, n, &ST_NUMBER, TEXT_LEFT, 0, 0);
    }
    f->y += 6;
}

/* "label：value" with the value underlined to the right margin; its wrapped lines stay under
 * its first; an empty value leaves one underlined blank to fill in. */
static void put_field(struct flow *f, const struct doc_field *fd)
{
    struct buf b = {0};
    buf_addf(&b, "%s：", fd->label ? fd->label : "");
    PangoLayout *label = text_layout(f, &ST_FIELD, buf_str(&b), 0);
    buf_free(&b);
    double x = TEXT_LEFT + layout_width(label);
    double pad = ST_FIELD.size / 4;
    if (x > TEXT_LEFT + TEXT_W / 2) { /* a label longer than half the line: the value below it */
        pango_layout_set_width(label, (int)(TEXT_W * PANGO_SCALE));
        pango_layout_set_wrap(label, PANGO_WRAP_WORD_CHAR);
        place_lines(f, label, &ST_FIELD, TEXT_LEFT, 0, 0);
        x = TEXT_LEFT + 2 * ST_FIELD.size;
    } else {
        need(f, ST_FIELD.pitch);
        place_beside(f, label, TEXT_LEFT, baseline(&ST_FIELD, f->y));
    }
    PangoLayout *value = text_layout(f, &ST_FIELD, fd->value, TEXT_RIGHT - x - 2 * pad);
    place_lines(f, value, &ST_FIELD, x + pad, x, TEXT_RIGHT);
}

/* A heading (kept with the first two lines after it) and paragraphs with a two-character
 * first-line indent, justified. */
static void put_section(struct flow *f, const struct doc_section *s)
{
    if (s->heading && *s->heading) {
        need(f, ST_HEADING.pitch + 2 * ST_BODY.pitch);
        if (f->y > MARGIN_TOP + 0.5) f->y += ST_BODY.pitch / 4;
        PangoLayout *h = text_layout(f, &ST_HEADING, s->heading, TEXT_W);
        f->heading = mark_here(f);
        place_lines(f, h, &ST_HEADING, TEXT_LEFT, 0, 0);
        f->heading_end = f->nitems;
    }
    if (!s->text || !*s->text) return;
    PangoLayout *l = text_layout(f, &ST_BODY, s->text, TEXT_W);
    pango_layout_set_indent(l, (int)(2 * ST_BODY.size * PANGO_SCALE));
    pango_layout_set_justify(l, TRUE);
    place_lines(f, l, &ST_BODY, TEXT_LEFT, 0, 0);
}

/* A letter's addressee, flush left with a colon, before the body. */
static void put_addressee(struct flow *f, const char *to)
{
    struct buf b = {0};
    buf_addf(&b, "%s：", to);
    PangoLayout *l = text_layout(f, &ST_BODY, buf_str(&b), TEXT_W);
    buf_free(&b);
    need(f, 2 * ST_BODY.pitch); /* with the first line of the body */
    place_lines(f, l, &ST_BODY, TEXT_LEFT, 0, 0);
}

/* "执法人员（签名）：张三 ____________ 2026年11月23日": the name on an underline that leaves room
 * for a handwritten signature, the date at the right margin. */
static void put_signature(struct flow *f, const struct doc_signature *s)
{
    struct buf b = {0};
    buf_addf(&b, "%s：", s->label ? s->label : "");
    PangoLayout *label = text_layout(f, &ST_SIGN, buf_str(&b), 0);
    buf_free(&b);
    char date[64];
    print_date(s->date, date, sizeof date);
    PangoLayout *when = text_layout(f, &ST_SIGN, date, 0);
    /* the date column is as wide as a blank date, so that the underlines of several signature
     * lines end in one column */
    double column = layout_width(text_layout(f, &ST_SIGN, BLANK_DATE, 0));
    if (layout_width(when) > column) column = layout_width(when);
    double x1 = TEXT_LEFT + layout_width(label);
    double x2 = TEXT_RIGHT - column - 2 * ST_SIGN.size;
    if (x2 < x1 + 6 * ST_SIGN.size) x2 = TEXT_RIGHT; /* a long label: the date goes below */
    double pad = ST_SIGN.size / 2;
    PangoLayout *name = text_layout(f, &ST_SIGN, s->name, x2 - x1 - 2 * pad);
    need(f, ST_SIGN.pitch);
    double base = baseline(&ST_SIGN, f->y);
    place_beside(f, label, TEXT_LEFT, base);
    if (x2 < TEXT_RIGHT) place_beside(f, when, TEXT_RIGHT - layout_width(when), base);
    place_lines(f, name, &ST_SIGN, x1 + pad, x1, x2);
    if (x2 >= TEXT_RIGHT) {
        pango_layout_set_width(when, (int)(TEXT_W * PANGO_SCALE));
        pango_layout_set_alignment(when, PANGO_ALIGN_RIGHT);
        place_lines(f, when, &ST_SIGN, TEXT_LEFT, 0, 0);
    }
}

/* The issuing block at the right: agency name, （印章）, date, each centred on the others, with
 * room above for the seal; kept on one page. */
static void put_seal(struct flow *f, const struct document *d)
{
    char date[64];
    print_date(d->date, date, sizeof date);
    const char *lines[3];
    int n = 0;
    if (d->seal) {
        lines[n++] = d->agency_name && *d->agency_name ? d->agency_name : "";
        lines[n++] = "（印章）";
    }
    if (d->date || d->seal) lines[n++] = date;
    if (!n) return;
    PangoLayout *l[3];
    double w = 0;
    for (int i = 0; i < n; i++) {
        l[i] = text_layout(f, &ST_SEAL, lines[i], 0);
        if (layout_width(l[i]) > w) w = layout_width(l[i]);
    }
    double gap = 2 * ST_BODY.pitch; /* room for the seal's upper half */
    need(f, gap + n * ST_SEAL.pitch);
    f->y += gap; /* even at the top of a page: keep_together may bring the lines before it */
    double centre = TEXT_RIGHT - 2 * ST_SEAL.size - w / 2;
    if (centre - w / 2 < TEXT_LEFT) centre = TEXT_LEFT + w / 2;
    for (int i = 0; i < n; i++) {
        place_beside(f, l[i], centre - layout_width(l[i]) / 2, baseline(&ST_SEAL, f->y));
        f->y += ST_SEAL.pitch;
    }
}

/* Small print at the end (remedies, 告知), justified with a first-line indent. */
static void put_notice(struct flow *f, const char *notice)
{
    PangoLayout *l = text_layout(f, &ST_SMALL, notice, TEXT_W);
    pango_layout_set_indent(l, (int)(2 * ST_SMALL.size * PANGO_SCALE));
    pango_layout_set_justify(l, TRUE);
    need(f, ST_SMALL.pitch * 2 + ST_BODY.pitch);
    if (f->y > MARGIN_TOP + 0.5) f->y += ST_BODY.pitch / 2;
    place_lines(f, l, &ST_SMALL, TEXT_LEFT, 0, 0);
}

/* Lay out the whole document. */
static void flow_document(struct flow *f, const struct document *d)
{
    f->y = MARGIN_TOP;
    put_head(f, d);
    for (int i = 0; i < d->nfields; i++)
        put_field(f, &d->fields[i]);
    if (d->nfields) f->y += ST_BODY.pitch / 3;
    if (d->addressee && *d->addressee) put_addressee(f, d->addressee);
    for (int i = 0; i < d->nsections; i++)
        put_section(f, &d->sections[i]);
    /* the signatures and the seal go together, with at least the last two lines before them */
    struct mark closing = d->nsections || d->nfields ? f->before_last[0] : mark_here(f);
    /* a heading right before those lines goes with them: never alone at the foot of a page */
    if (f->heading_end && f->heading_end == closing.item) closing = f->heading;
    if (d->nsigs) f->y += ST_BODY.pitch / 2;
    for (int i = 0; i < d->nsigs; i++)
        put_signature(f, &d->sigs[i]);
    put_seal(f, d);
    keep_together(f, &closing);
    if (d->notice && *d->notice) {
        put_notice(f, d->notice);
        keep_together(f, &closing); /* the small print too, when it all fits on one page */
    }
}

/* ---- The draw pass ---- */

/* cairo's output callback: append the PDF's bytes to the struct buf in closure. */
static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    buf_add(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* The footer of page p (0-based) of pages, in copy k of copies (0: no 联 mark). */
static void draw_footer(struct flow *f, cairo_t *cr, int p, int pages, int k, int copies)
{
    char text[96];
    snprintf(text, sizeof text, "第 %d 页 共 %d 页", p + 1, pages);
    PangoLayout *l = text_layout(f, &ST_FOOTER, text, 0);
    f->missing += pango_layout_get_unknown_glyphs_count(l);
    cairo_move_to(cr, (PAGE_W - layout_width(l)) / 2, FOOTER_BASE);
    pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(l, 0));
    if (copies > 0) {
        snprintf(text, sizeof text, "第%d联 共%d联", k, copies);
        PangoLayout *c = text_layout(f, &ST_FOOTER, text, 0);
        f->missing += pango_layout_get_unknown_glyphs_count(c);
        cairo_move_to(cr, TEXT_RIGHT - layout_width(c), FOOTER_BASE);
        pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(c, 0));
    }
}

/* Paint page p of the display list. */
static void draw_page(struct flow *f, cairo_t *cr, int p)
{
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, RULE_WIDTH);
    for (size_t i = 0; i < f->nitems; i++) {
        const struct item *it = &f->items[i];
        if (it->page != p) continue;
        if (it->layout) {
            cairo_move_to(cr, it->x, it->y);
            pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(it->layout, it->line));
        } else {
            cairo_move_to(cr, it->x, it->y);
            cairo_line_to(cr, it->x2, it->y);
            cairo_stroke(cr);
        }
    }
}

/* Paint every page of every copy into a PDF appended to out. */
static int draw_document(struct flow *f, const struct document *d, struct buf *out, struct err *e)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "landun");
    cairo_t *cr = cairo_create(s);
    int pages = f->page + 1, copies = d->copies_note > 0 ? d->copies_note : 0;
    for (int k = 1; k <= (copies ? copies : 1); k++) {
        for (int p = 0; p < pages; p++) {
            draw_page(f, cr, p);
            draw_footer(f, cr, p, pages, k, copies);
            cairo_show_page(cr);
        }
    }
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS)
        return err_set(e, ERR_INTERNAL, "文书生成失败：%s", cairo_status_to_string(st));
    return 0;
}

/* ---- Entry points ---- */

/* A pango context for points on font map fm: resolution 72 (a point is a unit), no hinting
 * (PDF), Simplified Chinese glyph forms. Caller unrefs. */
static PangoContext *make_context(PangoFontMap *fm)
{
    PangoContext *pc = pango_font_map_create_context(fm);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 72);
    pango_context_set_round_glyph_positions(pc, FALSE);
    pango_context_set_language(pc, pango_language_from_string("zh-cn"));
    return pc;
}

/* True when s is NULL or valid UTF-8 text (no NUL or control characters but tab and line
 * breaks). */
static bool text_ok(const char *s)
{
    return !s || utf8_valid_text(s, strlen(s));
}

/* Every string of d is valid text; otherwise ERR_INVALID. */
static int check_document(const struct document *d, struct err *e)
{
    if (!d->title || !*d->title) return err_set(e, ERR_INVALID, "文书缺少标题");
    bool ok = text_ok(d->agency_name) && text_ok(d->title) && text_ok(d->number) &&
              text_ok(d->number_label) && text_ok(d->date) && text_ok(d->notice) &&
              text_ok(d->addressee);
    for (int i = 0; ok && i < d->nfields; i++)
        ok = text_ok(d->fields[i].label) && text_ok(d->fields[i].value);
    for (int i = 0; ok && i < d->nsections; i++)
        ok = text_ok(d->sections[i].heading) && text_ok(d->sections[i].text);
    for (int i = 0; ok && i < d->nsigs; i++)
        ok = text_ok(d->sigs[i].label) && text_ok(d->sigs[i].name) && text_ok(d->sigs[i].date);
    return ok ? 0 : err_set(e, ERR_INVALID, "文书内容含有无效字符");
}

/* Lay out and draw d with the fonts of fm, appending the PDF to out (nothing on failure).
 * With probe, stop before drawing when a character has no glyph (info says how many). */
static int render(const struct document *d, PangoFontMap *fm, bool probe, struct buf *out,
                  struct doc_render_info *info, struct err *e)
{
    struct flow f = {.pc = make_context(fm)};
    size_t start = out->len;
    flow_document(&f, d);
    int rc = probe && f.missing ? 0 : draw_document(&f, d, out, e);
    if (rc && out->p) out->p[out->len = start] = 0; /* nothing half written */
    *info = (struct doc_render_info){.pages = f.page + 1, .missing_glyphs = f.missing};
    for (size_t i = 0; i < f.nowned; i++)
        g_object_unref(f.owned[i]);
    free(f.owned);
    free(f.items);
    g_object_unref(f.pc);
    return rc;
}

int doc_render_pdf_info(const struct document *d, struct buf *out, struct doc_render_info *info,
                        struct err *e)
{
    int rc = check_document(d, e);
    if (rc) return rc;
    struct doc_render_info got = {0};
    PangoFontMap *small = doc_fonts_small();
    if (small) rc = render(d, small, true, out, &got, e);
    /* a character outside the cut-down fonts: set the document in the full ones */
    if (!small || (!rc && got.missing_glyphs))
        rc = render(d, doc_fonts_full(), false, out, &got, e);
    if (got.missing_glyphs)
        log_warn("文书《%s》: %d 个字符无可用字体", d->title, got.missing_glyphs);
    if (info) *info = got;
    return rc;
}

int doc_render_pdf(const struct document *d, struct buf *out, struct err *e)
{
    return doc_render_pdf_info(d, out, NULL, e);
}
