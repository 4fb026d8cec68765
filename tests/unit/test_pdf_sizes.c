/* The PDF writer's cache of measured layouts (src/pdf/sizes.c): a size comes
 * back only for the same font, text, width and alignment, and survives the
 * table growing; a layout kept for drawing comes back only for the same key
 * and the same kind, and the cache holds its own reference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "pdf/sizes.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

static PangoFontDescription *font(const char *family, double size, bool bold)
{
    PangoFontDescription *f = pango_font_description_new();
    pango_font_description_set_family(f, family);
    pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    return f;
}

static void same_key_only(void **state)
{
    (void)state;
    jue_pdf_sizes *z = jue_pdf_sizes_new();
    PangoFontDescription *a = font("Noto Serif CJK SC", 10, false), *b = font("Noto Serif CJK SC", 10, true),
                         *c = font("Noto Serif CJK SC", 9.5, false);
    int w = 0, h = 0;
    assert_false(jue_pdf_sizes_get(z, a, "基本支出", 0, 0, &w, &h));
    jue_pdf_sizes_put(z, a, "基本支出", 0, 0, 41000, 14000);
    assert_true(jue_pdf_sizes_get(z, a, "基本支出", 0, 0, &w, &h));
    assert_int_equal(w, 41000);
    assert_int_equal(h, 14000);
    /* a copy of the font description is the same font */
    PangoFontDescription *a2 = pango_font_description_copy(a);
    assert_true(jue_pdf_sizes_get(z, a2, "基本支出", 0, 0, &w, &h));
    /* bold, another size, another width, another alignment, another text: not the same layout */
    assert_false(jue_pdf_sizes_get(z, b, "基本支出", 0, 0, &w, &h));
    assert_false(jue_pdf_sizes_get(z, c, "基本支出", 0, 0, &w, &h));
    assert_false(jue_pdf_sizes_get(z, a, "基本支出", 30000, 0, &w, &h));
    assert_false(jue_pdf_sizes_get(z, a, "基本支出", 0, 2, &w, &h));
    assert_false(jue_pdf_sizes_get(z, a, "基本支", 0, 0, &w, &h));
    pango_font_description_free(a);
    pango_font_description_free(a2);
    pango_font_description_free(b);
    pango_font_description_free(c);
    jue_pdf_sizes_free(z);
}

static void many_entries(void **state)
{
    (void)state;
    jue_pdf_sizes *z = jue_pdf_sizes_new();
    PangoFontDescription *f = font("Noto Sans CJK SC", 8, false);
    char s[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(s, sizeof s, "%d.%02d", i, i % 100);
        jue_pdf_sizes_put(z, f, s, i % 7 * 1000, 0, i, 2 * i);
    }
    for (int i = 0; i < 5000; i++) {
        int w = -1, h = -1;
        snprintf(s, sizeof s, "%d.%02d", i, i % 100);
        assert_true(jue_pdf_sizes_get(z, f, s, i % 7 * 1000, 0, &w, &h));
        assert_int_equal(w, i);
        assert_int_equal(h, 2 * i);
    }
    pango_font_description_free(f);
    jue_pdf_sizes_free(z);
    /* without a cache (its allocation failed) nothing is found and nothing breaks */
    int w, h;
    jue_pdf_sizes_put(NULL, NULL, "x", 0, 0, 1, 1);
    assert_false(jue_pdf_sizes_get(NULL, NULL, "x", 0, 0, &w, &h));
}

static void kept_layouts(void **state)
{
    (void)state;
    jue_pdf_sizes *z = jue_pdf_sizes_new();
    PangoContext *pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
    PangoFontDescription *f = font("Noto Serif CJK SC", 12, false);
    PangoLayout *l = pango_layout_new(pc);
    pango_layout_set_text(l, "本年度收入合计", -1);
    jue_pdf_sizes_keep(z, f, "本年度收入合计", 200000, 0, 1, l, 70000, 16000);
    /* the cache holds a reference of its own: the caller's may go */
    g_object_unref(l);
    PangoLayout *k = jue_pdf_sizes_layout(z, f, "本年度收入合计", 200000, 0, 1);
    assert_ptr_equal(k, l);
    assert_string_equal(pango_layout_get_text(k), "本年度收入合计");
    /* another kind, width or text: not that layout; and a kind other than
     * plain is not a plain layout's size */
    assert_null(jue_pdf_sizes_layout(z, f, "本年度收入合计", 200000, 0, 0));
    assert_null(jue_pdf_sizes_layout(z, f, "本年度收入合计", 100000, 0, 1));
    assert_null(jue_pdf_sizes_layout(z, f, "本年度收入", 200000, 0, 1));
    int w = 0, h = 0;
    assert_false(jue_pdf_sizes_get(z, f, "本年度收入合计", 200000, 0, &w, &h));
    /* a plain layout kept is also its size; a size put first gets its layout later */
    jue_pdf_sizes_put(z, f, "支出", 0, 0, 24000, 16000);
    assert_null(jue_pdf_sizes_layout(z, f, "支出", 0, 0, 0));
    PangoLayout *m = pango_layout_new(pc);
    jue_pdf_sizes_keep(z, f, "支出", 0, 0, 0, m, 1, 1);
    assert_ptr_equal(jue_pdf_sizes_layout(z, f, "支出", 0, 0, 0), m);
    assert_true(jue_pdf_sizes_get(z, f, "支出", 0, 0, &w, &h));
    assert_int_equal(w, 24000);   /* the size measured first stands */
    g_object_unref(m);
    jue_pdf_sizes_free(z);
    pango_font_description_free(f);
    g_object_unref(pc);
    /* without a cache nothing is kept and nothing breaks */
    jue_pdf_sizes_keep(NULL, NULL, "x", 0, 0, 0, NULL, 1, 1);
    assert_null(jue_pdf_sizes_layout(NULL, NULL, "x", 0, 0, 0));
}

/* A line's start in a layout of some width and alignment, as pango places
 * it, against the same text alone on one line moved by jue_pdf_line_lead:
 * what the writer draws for a table cell that fits its column. Widths in
 * whole points (pango rounds a centred line's start there) and not. */
static void line_lead_is_pangos(void **state)
{
    (void)state;
    /* the writer's context (context_new in writer.c): a PDF surface's,
     * unhinted, 72 dpi */
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(NULL, NULL, 595, 842);
    cairo_t *cr = cairo_create(surf);
    PangoContext *pc = pango_cairo_create_context(cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 72);
    PangoFontDescription *f = font("Noto Serif CJK SC", 8.5, false);
    static const char *const TEXT[] = { "本年度收入合计", "1,234.56", "行次", "0.00", "2024年", "（一）基本支出",
                                        "一般公共预算拨款" };
    static const int WIDTH[] = { 73 * PANGO_SCALE, 75 * PANGO_SCALE + 1, 77 * PANGO_SCALE + 517, 200001 };
    static const PangoAlignment AL[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT };
    int odd = 0, rounded = 0;
    for (size_t t = 0; t < sizeof TEXT / sizeof *TEXT; t++) {
        PangoLayout *one = pango_layout_new(pc);
        pango_layout_set_font_description(one, f);
        pango_layout_set_text(one, TEXT[t], -1);
        PangoRectangle r1;
        PangoLayoutIter *it1 = pango_layout_get_iter(one);
        pango_layout_iter_get_line_extents(it1, NULL, &r1);
        pango_layout_iter_free(it1);
        for (size_t w = 0; w < sizeof WIDTH / sizeof *WIDTH; w++)
            for (size_t a = 0; a < sizeof AL / sizeof *AL; a++) {
                PangoLayout *l = pango_layout_new(pc);
                pango_layout_set_font_description(l, f);
                pango_layout_set_width(l, WIDTH[w]);
                pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
                pango_layout_set_alignment(l, AL[a]);
                pango_layout_set_text(l, TEXT[t], -1);
                PangoLayoutIter *it = pango_layout_get_iter(l);
                PangoRectangle r;
                pango_layout_iter_get_line_extents(it, NULL, &r);
                pango_layout_iter_free(it);
                assert_int_equal(pango_layout_get_line_count(l), 1);
                assert_int_equal(r.width, r1.width);
                assert_int_equal(r.x, r1.x + jue_pdf_line_lead((int)AL[a], WIDTH[w], r1.width));
                odd += AL[a] == PANGO_ALIGN_CENTER && (WIDTH[w] - r1.width) % 2 != 0;
                rounded += AL[a] == PANGO_ALIGN_CENTER && ((WIDTH[w] | r1.width) & (PANGO_SCALE - 1)) == 0 &&
                           (WIDTH[w] - r1.width) / 2 % PANGO_SCALE != 0;
                g_object_unref(l);
            }
        g_object_unref(one);
    }
    /* among them a centred line with half a unit to share, and one that
     * pango puts on a whole point */
    assert_true(odd > 0);
    assert_true(rounded > 0);
    pango_font_description_free(f);
    g_object_unref(pc);
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_key_only),
        cmocka_unit_test(many_entries),
        cmocka_unit_test(kept_layouts),
        cmocka_unit_test(line_lead_is_pangos),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
