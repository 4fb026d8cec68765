/* Where 04's fund figures go when its expenditure lines were printed with
 * single spaces (packed_panes.c): a line gives 合计, then the funds it has,
 * nothing where a fund is blank; with one or two funds printed, which of
 * the three they are is not written. Every placement of such lines is
 * tried against the table's sums, fund by fund: the 类 lines add up to
 * 本年支出合计; 本年支出合计 and 年末财政拨款结转和结余 to 支出总计; and
 * 支出总计 is the fund's income line with its 年初 line (the income pane
 * prints one figure a line, read without a choice). Sums are compared as
 * intervals (a printed figure stands for ±half its last digit). Exactly one
 * placement holding is the reading; none (a slip of the producer, or a
 * misreading) or two (a fund's figures as good in another column) leave
 * the table unread, never guessed. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <string.h>

#define MAX_LINES 64      /* lines of the sums: the 类 and the three totals */
#define MAX_CHOICE 10     /* lines with a choice of placement: 3^10 tried at most */

typedef struct {
    size_t row;
    int nf;                      /* funds printed */
    jue_interval fig[3];         /* their figures, in printed order */
    unsigned mask;               /* placement: bit f = fund f holds a figure */
    bool choice;                 /* one or two funds printed: three placements */
} line;

typedef struct {
    jue_table *tab;
    int col[3];                  /* the funds' model columns */
    line L[MAX_LINES];
    int n, lei_end;              /* lines [0, lei_end) are the 类 */
    int tot, end, grand;         /* 本年支出合计, 年末, 支出总计 among L, or -1 */
    jue_interval income[3];      /* each fund's income with its 年初 line */
    unsigned best[MAX_LINES];
    int found;
} funds;

static jue_interval cell_iv(const jue_table *t, int r, int c)
{
    if (r < 0 || c < 0) return (jue_interval){ 0, 0 };
    const jue_cell *cell = jue_table_cell_c(t, (size_t)r, (size_t)c);
    return cell->present ? cell->iv : (jue_interval){ 0, 0 };
}

static jue_interval plus(jue_interval a, jue_interval b)
{
    return (jue_interval){ a.lo + b.lo, a.hi + b.hi };
}

/* Fund f of line l under its placement. */
static jue_interval fund(const line *l, int f)
{
    if (!(l->mask >> f & 1u)) return (jue_interval){ 0, 0 };
    int i = 0;
    for (int q = 0; q < f; q++) i += (int)(l->mask >> q & 1u);
    return l->fig[i];
}

static bool meets(jue_interval a, jue_interval b)
{
    return a.hi >= b.lo && a.lo <= b.hi;
}

/* Whether every sum of fund f holds under the placements now. */
static bool holds(const funds *F, int f)
{
    jue_interval zero = { 0, 0 }, lei = zero;
    for (int i = 0; i < F->lei_end; i++) lei = plus(lei, fund(&F->L[i], f));
    jue_interval tot = F->tot >= 0 ? fund(&F->L[F->tot], f) : zero;
    jue_interval end = F->end >= 0 ? fund(&F->L[F->end], f) : zero;
    jue_interval grand = F->grand >= 0 ? fund(&F->L[F->grand], f) : zero;
    return meets(lei, tot) && meets(plus(tot, end), grand) && meets(grand, F->income[f]);
}

/* Every placement of the lines with a choice from line i on. */
static void search(funds *F, int i)
{
    if (F->found > 1) return;
    if (i == F->n) {
        for (int f = 0; f < 3; f++)
            if (!holds(F, f)) return;
        if (!F->found++)
            for (int k = 0; k < F->n; k++) F->best[k] = F->L[k].mask;
        return;
    }
    line *l = &F->L[i];
    if (!l->choice) { search(F, i + 1); return; }
    for (unsigned m = 1; m < 8; m++) {
        int bits = (int)(m & 1u) + (int)(m >> 1 & 1u) + (int)(m >> 2 & 1u);
        if (bits != l->nf) continue;
        l->mask = m;
        search(F, i + 1);
    }
}

/* Line of table row r: its fund figures as printed (in the first columns). */
static bool add_line(funds *F, int r)
{
    if (r < 0) return true;
    if (F->n == MAX_LINES) return false;
    line *l = &F->L[F->n++];
    memset(l, 0, sizeof *l);
    l->row = (size_t)r;
    for (int f = 0; f < 3; f++) {
        const jue_cell *cell = jue_table_cell_c(F->tab, (size_t)r, (size_t)F->col[f]);
        if (!cell->present) continue;
        l->fig[l->nf++] = cell->iv;
        l->mask |= 1u << f;
    }
    l->choice = l->nf == 1 || l->nf == 2;
    return true;
}

/* Line r's fund cells in the columns of placement m (figures in order,
 * blank cells keep their place in the line). */
static void apply(funds *F, const line *l, unsigned m)
{
    jue_cell was[3], *to[3];
    for (int f = 0; f < 3; f++) {
        to[f] = jue_table_cell(F->tab, l->row, (size_t)F->col[f]);
        was[f] = *to[f];
    }
    int p = 0, b = 0;
    for (int f = 0; f < 3; f++) {
        while (p < 3 && !was[p].present) p++;
        while (b < 3 && was[b].present) b++;
        if (m >> f & 1u) *to[f] = was[p++];
        else *to[f] = was[b++];
    }
}

/* The lines of the sums and each fund's income, from the table as emitted. */
static bool gather(funds *F)
{
    static const char *const INC[3] = { JUE_L4_INC_GENERAL, JUE_L4_INC_GOVFUND, JUE_L4_INC_SOE };
    jue_table *t = F->tab;
    int total = jue_table_find_col(t, JUE_C_TOTAL);
    for (size_t r = 0; r < t->nrows; r++)
        if (t->rows[r].side == JUE_SIDE_EXPEND && t->rows[r].level == JUE_LEVEL_LEI && !add_line(F, (int)r))
            return false;
    F->lei_end = F->n;
    int at[3] = { jue_table_find_row(t, JUE_L_EXP_TOTAL, JUE_SIDE_EXPEND),
                  jue_table_find_row(t, JUE_L4_END, JUE_SIDE_EXPEND),
                  jue_table_find_row(t, JUE_L_EXP_GRAND, JUE_SIDE_EXPEND) };
    int *idx[3] = { &F->tot, &F->end, &F->grand };
    for (int k = 0; k < 3; k++) {
        *idx[k] = at[k] >= 0 ? F->n : -1;
        if (!add_line(F, at[k])) return false;
    }
    for (int f = 0; f < 3; f++) {
        char begin[MAXK];
        snprintf(begin, sizeof begin, "%s%s", JUE_L4_BEGIN_PREFIX, INC[f]);
        F->income[f] = plus(cell_iv(t, jue_table_find_row(t, INC[f], JUE_SIDE_INCOME), total),
                            cell_iv(t, jue_table_find_row(t, begin, JUE_SIDE_INCOME), total));
    }
    return true;
}

const char *jue_rec_place_funds(jue_table *tab)
{
    funds F = { .tab = tab, .col = { jue_table_find_col(tab, JUE_C_GENERAL), jue_table_find_col(tab, JUE_C_GOVFUND),
                                     jue_table_find_col(tab, JUE_C_SOE) } };
    if (F.col[0] < 0 || F.col[1] < 0 || F.col[2] < 0) return NULL;
    int choices = 0;
    bool fit = gather(&F);
    for (int i = 0; fit && i < F.n; i++) choices += F.L[i].choice;
    if (!fit || choices > MAX_CHOICE) return "表行以单个空格分隔、空白单元格没有标记，各数字可放的栏太多，未能逐一核对";
    if (!choices) return NULL;
    search(&F, 0);
    if (F.found > 1) return "表行以单个空格分隔、空白单元格没有标记，按合计与各栏核对仍有两种以上放法，分不清各数字所在的栏";
    if (!F.found) return "表行以单个空格分隔、空白单元格没有标记，读出的数字怎样放进各栏都不能相互核对";
    for (int i = 0; i < F.n; i++)
        if (F.L[i].choice) apply(&F, &F.L[i], F.best[i]);
    return NULL;
}
