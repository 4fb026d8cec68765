/* The PDF writer's ruled lines (src/pdf/rules.c): the cells' rectangles of a
 * made-up table become one line per row and column edge, a shared side is
 * drawn once, and a merged cell keeps its gap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pdf/rules.h"

static void assert_seg(const jue_pdf_seg *s, double at, double lo, double hi)
{
    assert_true(s->at > at - 1e-9 && s->at < at + 1e-9);
    assert_true(s->lo > lo - 1e-9 && s->lo < lo + 1e-9);
    assert_true(s->hi > hi - 1e-9 && s->hi < hi + 1e-9);
}

/* Two rows of three cells, 30 wide and 10 high, from (0, 0). */
static void plain_grid(void **state)
{
    (void)state;
    double r[6 * 4];
    for (int i = 0; i < 6; i++) {
        r[4 * i] = 30.0 * (i % 3);
        r[4 * i + 1] = 10.0 * (i / 3);
        r[4 * i + 2] = 30;
        r[4 * i + 3] = 10;
    }
    jue_pdf_seg h[12], v[12];
    size_t nh, nv;
    jue_pdf_rules(r, 6, h, &nh, v, &nv);
    assert_int_equal(nh, 3);   /* y = 0, 10, 20, across the table */
    for (size_t i = 0; i < 3; i++) assert_seg(&h[i], 10.0 * (double)i, 0, 90);
    assert_int_equal(nv, 4);   /* x = 0, 30, 60, 90, down both rows */
    for (size_t i = 0; i < 4; i++) assert_seg(&v[i], 30.0 * (double)i, 0, 20);
}

/* A name cell spanning two rows on the left, two cells right of it, and a
 * cell after a gap: the spanning cell has no line through it, cells that
 * do not touch are not joined, and edges a hair apart (sums of doubles) are
 * one line. */
static void merged_and_apart(void **state)
{
    (void)state;
    double r[] = {
        0,  0,  20, 20,            /* spans both rows */
        20, 0,  20, 10,
        20, 10.000001, 20, 9.999999,
        50, 0,  10, 10,            /* apart: x 40..50 is not drawn */
    };
    jue_pdf_seg h[8], v[8];
    size_t nh, nv;
    jue_pdf_rules(r, 4, h, &nh, v, &nv);
    assert_int_equal(nh, 5);
    assert_seg(&h[0], 0, 0, 40);
    assert_seg(&h[1], 0, 50, 60);
    assert_seg(&h[2], 10, 20, 40);   /* not across the merged cell */
    assert_seg(&h[3], 10, 50, 60);
    assert_seg(&h[4], 20, 0, 40);
    assert_int_equal(nv, 5);
    assert_seg(&v[0], 0, 0, 20);
    assert_seg(&v[1], 20, 0, 20);
    assert_seg(&v[2], 40, 0, 20);
    assert_seg(&v[3], 50, 0, 10);
    assert_seg(&v[4], 60, 0, 10);
    /* a stretch a hair off the line that starts before the others is not
     * lost to them */
    double s2[] = { 20, 10, 20, 10, 50, 10, 10, 10, 0, 10.000001, 15, 5 };
    jue_pdf_rules(s2, 3, h, &nh, v, &nv);
    assert_int_equal(nh, 6);   /* 0..15, 20..40, 50..60 at 10; 0..15 at 15; 20..40, 50..60 at 20 */
    assert_seg(&h[0], 10.000001, 0, 15);
    assert_seg(&h[1], 10, 20, 40);
    assert_seg(&h[2], 10, 50, 60);
    assert_seg(&h[3], 15.000001, 0, 15);
    /* nothing to rule */
    jue_pdf_rules(r, 0, h, &nh, v, &nv);
    assert_int_equal(nh, 0);
    assert_int_equal(nv, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_grid),
        cmocka_unit_test(merged_and_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
