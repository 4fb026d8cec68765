/* Sizes of measured text layouts, kept across the PDF writer's passes (sizes.c). */
#ifndef JUE_PDF_SIZES_H
#define JUE_PDF_SIZES_H

#include <pango/pango.h>
#include <stdbool.h>

typedef struct jue_pdf_sizes jue_pdf_sizes;

jue_pdf_sizes *jue_pdf_sizes_new(void);
void jue_pdf_sizes_free(jue_pdf_sizes *z);
/* The size (pango units) of text s in font f, wrapped at width (pango units,
 * <= 0 for one line) with alignment align, if it was measured before. */
bool jue_pdf_sizes_get(const jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width, int align,
                       int *w, int *h);
void jue_pdf_sizes_put(jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width, int align, int w,
                       int h);
/* The layout kept for text s in font f at width with alignment align, made
 * in the writer's way `kind` (0: plain, as jue_pdf_sizes_get), or NULL; the
 * cache keeps its reference. */
PangoLayout *jue_pdf_sizes_layout(const jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width,
                                  int align, int kind);
/* Keeps layout l (a reference of its own) and its size w, h for that key. */
void jue_pdf_sizes_keep(jue_pdf_sizes *z, const PangoFontDescription *f, const char *s, int width, int align, int kind,
                        PangoLayout *l, int w, int h);
/* Where pango starts a left-to-right line of width lw (pango units) in a
 * layout of width wu with alignment align and no indent: how far right of
 * where the same line starts alone on a layout of no width. */
int jue_pdf_line_lead(int align, int wu, int lw);

#endif
