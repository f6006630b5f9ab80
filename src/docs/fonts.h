/* fonts.h — the fonts documents are set in: Noto Serif CJK SC (regular, bold) and Noto Sans CJK
 * SC (bold) from fonts-noto-cjk.
 *
 * Those fonts hold 65,535 glyphs each, and cairo reads a font's whole CFF table (16–24 MB) twice
 * for every PDF it embeds the font in. So documents are set, when possible, in copies of the
 * three faces cut down (with harfbuzz's subsetter, once per machine) to the characters of
 * GB 2312, ASCII and the common punctuation and symbols, about a fifth of the size; a document
 * with a character outside them is set again in the full fonts. */
#ifndef LANDUN_DOC_FONTS_H
#define LANDUN_DOC_FONTS_H

#include <pango/pango.h>

/* This thread's font map over the cut-down copies, or NULL when they could not be made (the
 * reason is logged once). Owned by the thread; thread-safe. The copies are kept in
 * $LANDUN_FONT_CACHE, or /tmp/landun-fonts-UID, and made again when missing. */
PangoFontMap *doc_fonts_small(void);

/* This thread's font map over every installed font (pango's default map of the thread). */
PangoFontMap *doc_fonts_full(void);

#endif
