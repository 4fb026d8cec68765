/* The PDF writer's CFF faces, subset by harfbuzz before cairo embeds them (faces.c). */
#ifndef JUE_PDF_FACES_H
#define JUE_PDF_FACES_H

#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct jue_pdf_faces jue_pdf_faces;

jue_pdf_faces *jue_pdf_faces_new(void);
void jue_pdf_faces_free(jue_pdf_faces *z);
/* The measuring pass: the characters and glyphs a line or layout will draw. */
void jue_pdf_faces_note_line(jue_pdf_faces *z, PangoLayoutLine *line);
void jue_pdf_faces_note_layout(jue_pdf_faces *z, PangoLayout *l);
/* Between the passes: each CFF face noted, subset to what was noted. */
void jue_pdf_faces_make(jue_pdf_faces *z);
/* The final pass: draws as pango_cairo_show_layout_line and
 * pango_cairo_show_layout do, at (x, y), through the subsets; what no
 * subset holds is drawn by pango. z may be NULL. show_layout moves each
 * line by lead pango units more (0: where pango puts it). Both may leave
 * glyphs waiting to be drawn with those of the next line or layout in one
 * cairo call: jue_pdf_faces_flush draws them, and must come before any
 * other drawing, source, tag or page's end on cr. */
void jue_pdf_faces_show_line(jue_pdf_faces *z, cairo_t *cr, PangoLayoutLine *line, double x, double y);
void jue_pdf_faces_show_layout(jue_pdf_faces *z, cairo_t *cr, PangoLayout *l, double x, double y, int lead);
void jue_pdf_faces_flush(jue_pdf_faces *z, cairo_t *cr);
/* How many glyph runs were drawn through a subset and how many by pango. */
void jue_pdf_faces_counts(const jue_pdf_faces *z, size_t *subset, size_t *pango);

#endif
