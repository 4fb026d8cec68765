/* Confidence before accusation: whether a table was read well enough for its
 * figures to accuse anyone. A door that loses the table's structure (a text
 * copy whose rows are single-space lines, with nothing where a cell is blank;
 * a layout whose columns came out shifted) still gives figures, but in the
 * wrong columns — and every identity of the rule pack then "fails". A table
 * printed by a real producer adds up (its parts to its totals, its 项 to its
 * 款 and 类); when the figures as read mostly do not, the reading is what is
 * wrong. Such a table is set aside with one warning saying why (the
 * recognizer does that); its figures feed no error.
 *
 * The checks are the printed identities every code table has (row total =
 * its parts; 类 and 款 = their children; 合计 = the 类), and 总计 = 总计 in the
 * two-pane tables, counted in intervals (a printed figure stands for ±half
 * its last digit, so 尾差 never counts). A table read from packed rows must
 * pass every check, and 01/04/06/09 read from packed rows are set aside
 * outright (their panes cannot be told apart there); other tables are set
 * aside when at least three checks fail and they are a fifth of them. */
#include "import_internal.h"

#include <string.h>

typedef struct {
    int checks, fails;
} tally;

/* lo..hi of the sum of cells (r, c) for the rows in rs. */
static void add_iv(const jue_table *t, size_t r, size_t c, jue_interval *s)
{
    const jue_cell *x = jue_table_cell_c(t, r, c);
    if (!x->present) return;
    s->lo += x->iv.lo;
    s->hi += x->iv.hi;
}

static void check(tally *k, const jue_table *t, size_t r, size_t c, jue_interval sum)
{
    const jue_cell *x = jue_table_cell_c(t, r, c);
    jue_interval v = x->present ? x->iv : (jue_interval){ 0, 0 };
    if (!x->present && sum.lo == 0 && sum.hi == 0) return;
    k->checks++;
    if (v.hi < sum.lo || v.lo > sum.hi) k->fails++;
}

/* The total column and its parts, per code table. */
static bool row_parts(jue_table_id id, int *total, int *from, int *to)
{
    switch (id) {
    case JUE_T02: *total = 0; *from = 1; *to = 6; return true;
    case JUE_T03: *total = 0; *from = 1; *to = 5; return true;
    case JUE_T05: *total = 0; *from = 1; *to = 2; return true;
    case JUE_T07:
    case JUE_T08: *total = 2; *from = 3; *to = 4; return true;
    default: return false;
    }
}

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9') return false;
    return true;
}

/* Row sums: the total column against its parts. */
static void check_rows(tally *k, const jue_table *t)
{
    int tot, from, to;
    if (!row_parts(t->id, &tot, &from, &to) || (size_t)to >= t->ncols) return;
    for (size_t r = 0; r < t->nrows; r++) {
        jue_interval s = { 0, 0 };
        for (int c = from; c <= to; c++) add_iv(t, r, (size_t)c, &s);
        bool any = false;
        for (int c = from; c <= to; c++) any |= jue_table_cell_c(t, r, (size_t)c)->present;
        if (any) check(k, t, r, (size_t)tot, s);
    }
}

/* A 类 or 款 against its children, and 合计 against the 类, column by column. */
static void check_tree(tally *k, const jue_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const char *key = t->rows[r].key;
        bool total = !strcmp(key, "合计");
        size_t n = strlen(key);
        if (!total && (!all_digits(key) || (n != 3 && n != 5))) continue;
        size_t want = total ? 3 : n + 2;
        for (size_t c = 0; c < t->ncols; c++) {
            jue_interval s = { 0, 0 };
            int kids = 0;
            for (size_t q = 0; q < t->nrows; q++) {
                const char *kk = t->rows[q].key;
                if (strlen(kk) != want || !all_digits(kk) || (!total && strncmp(kk, key, n))) continue;
                add_iv(t, q, c, &s);
                kids++;
            }
            if (kids) check(k, t, r, c, s);
        }
    }
}

/* 01 and 04: the two 总计 lines are equal. */
static void check_panes(tally *k, const jue_table *t)
{
    int a = jue_table_find_row(t, "收入总计", JUE_SIDE_NONE), b = jue_table_find_row(t, "支出总计", JUE_SIDE_NONE);
    if (a < 0 || b < 0 || t->ncols == 0) return;
    jue_interval s = { 0, 0 };
    add_iv(t, (size_t)b, 0, &s);
    check(k, t, (size_t)a, 0, s);
}

const char *jue_imp_doubt(const jue_table *t, bool packed, int *fails, int *checks)
{
    tally k = { 0, 0 };
    bool panes = t->id == JUE_T01 || t->id == JUE_T04;
    if (panes) check_panes(&k, t);
    else if (t->id != JUE_T06 && t->id != JUE_T09) {
        check_rows(&k, t);
        check_tree(&k, t);
    }
    *fails = k.fails;
    *checks = k.checks;
    if (packed && (panes || t->id == JUE_T06 || t->id == JUE_T09))
        return "表行以单个空格分隔、空白单元格没有标记，分不清各数字所在的栏";
    if (packed && k.fails > 0)
        return "表行以单个空格分隔、空白单元格没有标记，读出的数字放进各栏后不能相互核对";
    if (k.fails >= 3 && k.fails * 5 >= k.checks)
        return "读出的数字多半不能相互核对（合计与各栏、上下级科目），多半是栏位读错了";
    return NULL;
}
