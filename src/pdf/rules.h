/* A table's ruled lines from its cells' rectangles (rules.c). */
#ifndef JUE_PDF_RULES_H
#define JUE_PDF_RULES_H

#include <stddef.h>

/* A stretch of line: at `at` (the y of a horizontal line, the x of a
 * vertical one), from `lo` to `hi`; `line` is jue_pdf_rules' own (`at` in
 * hundredths of a point, worked out once a stretch). */
typedef struct {
    double at, lo, hi;
    long long line;
} jue_pdf_seg;

/* The sides of n rectangles (x, y, w, h each, w and h >= 0) joined into
 * lines: sides on one line (the same position to a hundredth of a point)
 * that touch or overlap become one stretch, a side shared by two cells is drawn once, and a merged cell keeps
 * its gap. h and v must have room for 2n stretches each; *nh and *nv are set
 * to how many horizontal and vertical lines there are, in order of position. */
void jue_pdf_rules(const double *rect, size_t n, jue_pdf_seg *h, size_t *nh, jue_pdf_seg *v, size_t *nv);

#endif
