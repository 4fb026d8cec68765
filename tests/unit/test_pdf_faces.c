/* The PDF writer's CFF faces subset by harfbuzz (src/pdf/faces.c): text
 * noted before is drawn through the subset, the PDF's text reads back the
 * same, a glyph not noted is drawn by pango all the same, and a pair of
 * characters in the order that makes cairo 1.16 keep every subroutine of
 * Noto Serif CJK SC (赁 before 专) embeds a small font. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/faces.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <poppler.h>

typedef struct {
    unsigned char *data;
    size_t len, cap;
} sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len)
{
    sink *s = closure;
    if (s->len + len > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 65536;
        while (cap < s->len + len) cap *= 2;
        unsigned char *m = realloc(s->data, cap);
        if (!m) return CAIRO_STATUS_NO_MEMORY;
        s->data = m;
        s->cap = cap;
    }
    memcpy(s->data + s->len, data, len);
    s->len += len;
    return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *layout(PangoContext *pc, const char *text, double size)
{
    PangoLayout *l = pango_layout_new(pc);
    PangoFontDescription *f = pango_font_description_from_string("Noto Serif CJK SC");
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    pango_layout_set_font_description(l, f);
    pango_font_description_free(f);
    pango_layout_set_text(l, text, -1);
    return l;
}

/* A one-page PDF of `draw` in 12 pt, the layouts of `noted` noted first;
 * z NULL: everything drawn by pango. Counts the runs drawn each way. */
static sink pdf_of(bool subset, const char *noted, const char *draw, size_t *by_subset, size_t *by_pango)
{
    sink s = { 0 };
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(sink_write, &s, 300, 200);
    cairo_t *cr = cairo_create(surf);
    PangoContext *pc = pango_cairo_create_context(cr);
    pango_context_set_language(pc, pango_language_from_string("zh-cn"));
    jue_pdf_faces *z = subset ? jue_pdf_faces_new() : NULL;
    PangoLayout *n = layout(pc, noted, 12), *d = layout(pc, draw, 12);
    jue_pdf_faces_note_layout(z, n);
    jue_pdf_faces_make(z);
    jue_pdf_faces_show_layout(z, cr, d, 20, 40, 0);
    jue_pdf_faces_show_line(z, cr, pango_layout_get_line_readonly(d, 0), 20, 100);
    jue_pdf_faces_flush(z, cr);
    cairo_show_page(cr);
    jue_pdf_faces_counts(z, by_subset, by_pango);
    g_object_unref(n);
    g_object_unref(d);
    g_object_unref(pc);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    assert_int_equal(cairo_surface_status(surf), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surf);
    jue_pdf_faces_free(z);
    return s;
}

static char *text_of(const sink *s)
{
    GBytes *b = g_bytes_new(s->data, s->len);
    PopplerDocument *doc = poppler_document_new_from_bytes(b, NULL, NULL);
    g_bytes_unref(b);
    assert_non_null(doc);
    PopplerPage *pg = poppler_document_get_page(doc, 0);
    char *t = poppler_page_get_text(pg);
    g_object_unref(pg);
    g_object_unref(doc);
    return t;
}

static void noted_text_through_subset(void **state)
{
    (void)state;
    size_t a, b;
    sink s = pdf_of(true, "本年支出合计 23,865.52", "支出合计 865", &a, &b);
    assert_int_equal(a, 2);   /* the layout's line and the line alone */
    assert_int_equal(b, 0);
    char *t = text_of(&s);
    assert_non_null(strstr(t, "支出合计 865"));
    g_free(t);
    free(s.data);
}

static void glyph_not_noted_drawn_by_pango(void **state)
{
    (void)state;
    size_t a, b;
    sink s = pdf_of(true, "支出合计", "支出合计赁", &a, &b);
    assert_int_equal(a, 0);
    assert_int_equal(b, 2);
    char *t = text_of(&s);
    assert_non_null(strstr(t, "支出合计赁"));
    g_free(t);
    free(s.data);
}

/* cairo's own subset of 赁专 keeps all 28,643 local subroutines (some
 * 426 KB); through the harfbuzz subset the page is a few KB. */
static void small_font_whatever_the_order(void **state)
{
    (void)state;
    size_t a, b;
    sink own = pdf_of(false, "赁专", "赁专", &a, &b);
    sink sub = pdf_of(true, "赁专", "赁专", &a, &b);
    assert_int_equal(a, 2);
    assert_true(own.len > 200000);
    assert_true(sub.len < 30000);
    char *t = text_of(&sub);
    assert_non_null(strstr(t, "赁专"));
    g_free(t);
    free(own.data);
    free(sub.data);
}

/* Two cells of a row drawn into one batch (one cairo call, drawn when
 * flushed): both read back, in order, through the subset. */
static void cells_of_a_row_flushed_together(void **state)
{
    (void)state;
    sink s = { 0 };
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(sink_write, &s, 300, 200);
    cairo_t *cr = cairo_create(surf);
    PangoContext *pc = pango_cairo_create_context(cr);
    pango_context_set_language(pc, pango_language_from_string("zh-cn"));
    jue_pdf_faces *z = jue_pdf_faces_new();
    PangoLayout *a = layout(pc, "支出合计", 12), *b = layout(pc, "865.00", 12);
    jue_pdf_faces_note_layout(z, a);
    jue_pdf_faces_note_layout(z, b);
    jue_pdf_faces_make(z);
    jue_pdf_faces_show_layout(z, cr, a, 20, 40, 0);
    jue_pdf_faces_show_layout(z, cr, b, 120, 40, 0);
    jue_pdf_faces_flush(z, cr);
    cairo_show_page(cr);
    size_t by_subset, by_pango;
    jue_pdf_faces_counts(z, &by_subset, &by_pango);
    assert_int_equal(by_pango, 0);
    g_object_unref(a);
    g_object_unref(b);
    g_object_unref(pc);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    cairo_surface_destroy(surf);
    jue_pdf_faces_free(z);
    char *t = text_of(&s);
    const char *x = strstr(t, "支出合计"), *y = strstr(t, "865.00");
    assert_non_null(x);
    assert_non_null(y);
    assert_true(x < y);
    g_free(t);
    free(s.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(noted_text_through_subset),
        cmocka_unit_test(glyph_not_noted_drawn_by_pango),
        cmocka_unit_test(small_font_whatever_the_order),
        cmocka_unit_test(cells_of_a_row_flushed_together),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
