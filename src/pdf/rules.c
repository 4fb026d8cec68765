/* The ruled lines of a table page, from its cells' rectangles: the PDF
 * writer strokes these instead of a rectangle per cell, so cairo writes a
 * couple of coordinates per row and column rather than four per cell (each
 * through printf) and every shared side once. */
#include "pdf/rules.h"

#include <math.h>
#include <stdlib.h>

/* A stretch at `at` from lo to hi, on the line of its position in
 * hundredths of a point, so that edges a hair apart (sums of doubles) are
 * one line. */
static jue_pdf_seg seg(double at, double lo, double hi) { return (jue_pdf_seg){ at, lo, hi, llround(at * 100) }; }

static int seg_cmp(const void *a, const void *b)
{
    const jue_pdf_seg *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Sorts n stretches by line and start and joins those on one line that
 * touch or overlap; returns how many are left. */
static size_t join(jue_pdf_seg *s, size_t n)
{
    if (!n) return 0;
    qsort(s, n, sizeof *s, seg_cmp);
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        if (s[i].line == s[k].line && s[i].lo <= s[k].hi + 0.01) {
            if (s[i].hi > s[k].hi) s[k].hi = s[i].hi;
        } else {
            s[++k] = s[i];
        }
    }
    return k + 1;
}

void jue_pdf_rules(const double *rect, size_t n, jue_pdf_seg *h, size_t *nh, jue_pdf_seg *v, size_t *nv)
{
    for (size_t i = 0; i < n; i++) {
        const double *r = rect + 4 * i;
        h[2 * i] = seg(r[1], r[0], r[0] + r[2]);
        h[2 * i + 1] = seg(r[1] + r[3], r[0], r[0] + r[2]);
        v[2 * i] = seg(r[0], r[1], r[1] + r[3]);
        v[2 * i + 1] = seg(r[0] + r[2], r[1], r[1] + r[3]);
    }
    *nh = join(h, 2 * n);
    *nv = join(v, 2 * n);
}
