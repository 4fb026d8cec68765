/* Where the figures of a packed row go. A row printed with single spaces
 * gives its figures in order, with nothing where a cell is blank: a row of
 * two figures under six columns could be any two of them. The table's sums
 * decide: each row's total against its parts, each 类 and 款 against its
 * children and 合计 against the 类, column by column. Every placement of
 * every row (its figures kept in order) is tried; the reading is the one
 * where the fewest of those identities fail — a slip of the producer fails
 * a few in any placement, and the confidence check (confidence.c) then says
 * whether one cell explains them. Each 类/款 with its children is solved for
 * each placement of its own figures (bottom-up over the code tree, a search
 * that stops where it cannot beat the best so far), so the search stays
 * small. When two readings fail equally few identities (a column blank in
 * the whole table could hold the figures of its neighbour) the table is
 * ambiguous: it is set aside with a warning, never an accusation.
 *
 * A table that is part of another one gives a floor: 05 (一般公共预算财政
 * 拨款) is the part of 03 (every fund) paid from that budget, so every 03
 * figure of 合计, 基本支出 and 项目支出 is at least the 05 figure of the same
 * row, when 05 was read with confidence. Among readings that fail equally
 * few identities, the one under fewest floors is taken (03 with 基本 and 项目
 * under six columns: the sums alone let its two parts stand in any two).
 * Likewise 01, read with confidence, fixes the 合计 of 02 by source (its
 * income lines) and the 本年支出合计 of 03's 合计 and 类: a figure off them
 * counts as one under its floor.
 *
 * A table every row of which has one placement (each printed with its full
 * count of figures, or short only where a single column can take them) was
 * read with no choice made: *sure says so, and its sums are then checked as
 * those of a ruled table (a failing one is reported, not set aside). 01, 04,
 * 06 and 09 (two panes) are never sure. A table no reading of which
 * balances, with the shape a column shifted one row leaves (a short row
 * heading a run that balances moved back up), is sure in that reading
 * (below, "a column printed one row down"). One with two readings as good,
 * none balancing, and a row whose figures balance in no placement, is placed
 * when one figure of that row, taken as any value, lets exactly one reading
 * balance (below, "one figure wrong"). */
#include "recognize/recognize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 2000000L  /* search steps per table before it is called ambiguous: about 0.1 s;
                               the made-up documents of make eval need at most 0.46 M */
#define FAIL (1 << 12)      /* cost of a failing identity; a figure under its floor costs 1 */
#define INF (1 << 30)

typedef struct {
    int k;                       /* figures */
    jue_cell fig[REC_MAX_PCOLS]; /* in printed order */
    unsigned *mask;              /* candidate placements: bit j = printed column j holds a figure */
    int nmask;
    int *best;                   /* per placement: least failures in the row and its subtree */
    int *order, minbest;         /* placements by best, cheapest first; the least best */
    unsigned char *ways;         /* per placement: readings reaching best (2 = two or more) */
    int **choice;                /* per placement: each child's placement index */
    int *kids, nkids;
    jue_fen floor[REC_MAX_PCOLS]; /* per printed column: the least its figure can be, */
    jue_fen cap[REC_MAX_PCOLS];   /* and the most */
    bool root, done;
} node;

typedef struct {
    jue_table *tab;
    int n;                       /* printed figure columns */
    const int *cols;             /* their model columns */
    int tot;                     /* the row's total as a printed index (-1: no row sum) */
    bool part[REC_MAX_PCOLS];    /* printed columns that are its parts */
    bool nonneg;                 /* no negative figure: a sum only grows */
    const jue_table *parts[3];   /* tables this one contains, read with confidence (05 in 03) */
    const int *pcol[3];          /* per model column: the part table's column + 1, or 0 */
    const jue_table *t01;        /* 01 read with confidence, or NULL */
    const jue_table *t04, *whole; /* placed again (rc.late): 04 and the table containing this one, */
    const int *wcol;             /* read with confidence (whole's model column → this one's + 1) */
    const struct pinning *pin;   /* per row: what its placement must be (NULL: free) */
    node *rows;
    long steps;
    bool nomem;
} solver;

/* The figure of row r under placement m in printed column j. */
static bool value(const node *r, unsigned m, int j, jue_interval *out)
{
    if (!(m >> j & 1u)) { *out = (jue_interval){ 0, 0 }; return false; }
    int i = 0;
    for (int q = 0; q < j; q++) i += (int)(m >> q & 1u);
    *out = r->fig[i].iv;
    return true;
}

static bool fails(bool present, jue_interval v, jue_interval sum)
{
    if (!present && sum.lo == 0 && sum.hi == 0) return false;
    return v.hi < sum.lo || v.lo > sum.hi;
}

/* The figures of row r under placement m below their floor or above their cap. */
static int under_floor(const solver *S, const node *r, unsigned m)
{
    int n = 0;
    for (int j = 0; j < S->n; j++) {
        jue_interval v;
        value(r, m, j, &v);
        n += v.hi < r->floor[j] || v.lo > r->cap[j];
    }
    return n;
}

/* Whether row r's own sum fails with its figures in placement m and, when
 * over is not NULL, the figure over in printed column j. A total with no
 * part beside it fails only when strict (a table may print a row's total
 * alone). */
static bool row_fails(const solver *S, const node *r, unsigned m, int j, const jue_interval *over, bool strict)
{
    if (S->tot < 0) return false;
    jue_interval v, sum = { 0, 0 }, p;
    bool any = false;
    for (int k = 0; k < S->n; k++) {
        bool present = value(r, m, k, &p);
        if (k == j && over) present = true, p = *over;
        if (!S->part[k] || !present) continue;
        any = true;
        sum.lo += p.lo;
        sum.hi += p.hi;
    }
    bool present = value(r, m, S->tot, &v);
    if (S->tot == j && over) present = true, v = *over;
    return (any || strict) && fails(present, v, sum);
}

/* The row's own sum under placement m (a failure costs FAIL), and its
 * figures under their floor. */
static int row_cost(const solver *S, const node *r, unsigned m)
{
    return row_fails(S, r, m, -1, NULL, false) * FAIL + under_floor(S, r, m);
}

static int popcount(unsigned m)
{
    int k = 0;
    for (; m; m &= m - 1) k++;
    return k;
}

/* The search over the children of one row for one placement of its own. */
typedef struct {
    solver *S;
    const node *parent;
    unsigned pm;
    jue_interval sum[REC_MAX_PCOLS];
    int pick[64], *bestpick;
    int best, ways;
    bool found;                  /* a reading within best was found */
    int *minrest;                /* least cost of children [i, nkids) */
} search;

/* a + b, at most INF (costs of rows that cannot be placed stay INF). */
static int add(int a, int b)
{
    long s = (long)a + b;
    return s > INF ? INF : (int)s;
}

static int group_cost(search *q)
{
    int f = 0;
    for (int j = 0; j < q->S->n; j++) {
        jue_interval v;
        bool present = value(q->parent, q->pm, j, &v);
        f += fails(present, v, q->sum[j]);
    }
    return f * FAIL;
}

/* Columns whose sum already passed the parent's figure (figures >= 0). */
static int overflow(const search *q)
{
    if (!q->S->nonneg) return 0;
    int f = 0;
    for (int j = 0; j < q->S->n; j++) {
        jue_interval v;
        value(q->parent, q->pm, j, &v);
        f += q->sum[j].lo > v.hi;
    }
    return f * FAIL;
}

static void dfs(search *q, int i, int cost, int ways)
{
    solver *S = q->S;
    if (++S->steps > MAX_STEPS) return;
    if (add(add(cost, overflow(q)), q->minrest[i]) > q->best) return;
    if (i == q->parent->nkids) {
        int c = add(cost, group_cost(q));
        if (c < q->best || !q->found) {
            q->best = c;
            q->ways = ways;
            q->found = true;
            memcpy(q->bestpick, q->pick, (size_t)i * sizeof *q->pick);
        } else if (c == q->best) {
            q->ways = q->ways + ways > 2 ? 2 : q->ways + ways;
        }
        return;
    }
    const node *kid = &S->rows[q->parent->kids[i]];
    for (int oi = 0; oi < kid->nmask; oi++) {
        int mi = kid->order[oi];
        /* a placement costing more than the parent's sums can win back */
        if (kid->best[mi] > add(kid->minbest, S->n * FAIL)) break;
        unsigned m = kid->mask[mi];
        for (int j = 0; j < S->n; j++) {
            jue_interval v;
            if (value(kid, m, j, &v)) q->sum[j].lo += v.lo, q->sum[j].hi += v.hi;
        }
        q->pick[i] = mi;
        int w = ways * kid->ways[mi];
        dfs(q, i + 1, add(cost, kid->best[mi]), w > 2 ? 2 : w);
        for (int j = 0; j < S->n; j++) {
            jue_interval v;
            if (value(kid, m, j, &v)) q->sum[j].lo -= v.lo, q->sum[j].hi -= v.hi;
        }
    }
}

static void solve(solver *S, int r);
static int printed(const solver *S, int c);

/* R->order: its placements by best, cheapest first (stable); R->minbest. */
static void sort_placements(node *R)
{
    for (int i = 0; i < R->nmask; i++) {
        int k = i;
        for (; k > 0 && R->best[R->order[k - 1]] > R->best[i]; k--) R->order[k] = R->order[k - 1];
        R->order[k] = i;
    }
    R->minbest = R->nmask ? R->best[R->order[0]] : INF;
}

/* best, ways and choice of every placement of row r, its children solved. */
static void solve_placements(solver *S, node *R)
{
    int minrest[65] = { 0 };
    for (int i = R->nkids - 1; i >= 0; i--) minrest[i] = add(minrest[i + 1], S->rows[R->kids[i]].minbest);
    /* a placement costing more than the best so far and all the parent's
     * sums can win back is never taken: searched only up to that bound */
    int least = INF, slack = S->n * FAIL;
    for (int mi = 0; mi < R->nmask && !S->nomem; mi++) {
        int own = row_cost(S, R, R->mask[mi]);
        int bound = add(add(least, slack), 1);
        R->best[mi] = own < bound ? own : bound;
        R->ways[mi] = 1;
        if (R->nkids && own < bound) {
            search q = { .S = S, .parent = R, .pm = R->mask[mi], .best = bound - own, .minrest = minrest };
            R->choice[mi] = calloc((size_t)R->nkids, sizeof(int));
            if (!R->choice[mi]) { S->nomem = true; return; }
            q.bestpick = R->choice[mi];
            dfs(&q, 0, 0, 1);
            R->best[mi] = q.found ? add(own, q.best) : bound;
            R->ways[mi] = (unsigned char)(q.found ? q.ways : 1);
        }
        least = R->best[mi] < least ? R->best[mi] : least;
    }
    sort_placements(R);
}

static void solve(solver *S, int r)
{
    node *R = &S->rows[r];
    if (R->done) return;
    R->done = true;
    for (int i = 0; i < R->nkids; i++) solve(S, R->kids[i]);
    solve_placements(S, R);
}

/* The rows under row r in the code tree (合计: the 类; a 类 or 款: its
 * children by code). */
static bool child_of(const char *parent, const char *key)
{
    size_t n = strlen(key), pn = strlen(parent);
    for (size_t i = 0; i < n; i++)
        if (key[i] < '0' || key[i] > '9') return false;
    if (!strcmp(parent, JUE_L_TOTAL)) return n == 3;
    return (pn == 3 || pn == 5) && n == pn + 2 && !strncmp(parent, key, pn);
}

/* The lines of 01 a figure of 02/03 equals (their sum). */
static const struct {
    jue_table_id tab;
    int col;
    jue_side side;
    const char *lines[3];
} FROM01[] = {
    { JUE_T02, 0, JUE_SIDE_INCOME, { JUE_L_INC_TOTAL } },
    { JUE_T02, 1, JUE_SIDE_INCOME, { JUE_L_INC_GENERAL, JUE_L_INC_GOVFUND, JUE_L_INC_SOE } },
    { JUE_T02, 2, JUE_SIDE_INCOME, { JUE_L_INC_SUPERIOR } },
    { JUE_T02, 3, JUE_SIDE_INCOME, { JUE_L_INC_BUSINESS } },
    { JUE_T02, 4, JUE_SIDE_INCOME, { JUE_L_INC_OPERATING } },
    { JUE_T02, 5, JUE_SIDE_INCOME, { JUE_L_INC_AFFILIATED } },
    { JUE_T02, 6, JUE_SIDE_INCOME, { JUE_L_INC_OTHER } },
    { JUE_T03, 0, JUE_SIDE_EXPEND, { JUE_L_EXP_TOTAL } },
};

/* The sum of 01's lines (blank: 0); false when 01 lacks one of them. */
static bool sum01(const jue_table *t01, jue_side side, const char *const *lines, jue_interval *out)
{
    *out = (jue_interval){ 0, 0 };
    for (int i = 0; i < 3 && lines[i]; i++) {
        int r = jue_table_find_row(t01, lines[i], side);
        if (r < 0) return false;
        const jue_cell *x = jue_table_cell_c(t01, (size_t)r, 0);
        if (x->present) out->lo += x->iv.lo, out->hi += x->iv.hi;
    }
    return true;
}

/* Row key of 02/03: the bounds 01 sets (合计 by source; a 类 of 03). */
static void bounds01(const solver *S, node *R, const char *key)
{
    if (!S->t01) return;
    bool total = !strcmp(key, JUE_L_TOTAL), lei = strlen(key) == 3 && jue_rec_digits(key);
    for (size_t i = 0; i < sizeof FROM01 / sizeof *FROM01; i++) {
        int j = printed(S, FROM01[i].col);
        jue_interval v;
        bool ok = FROM01[i].tab == S->tab->id && j >= 0;
        if (ok && total && sum01(S->t01, FROM01[i].side, FROM01[i].lines, &v)) {
            R->floor[j] = v.lo > R->floor[j] ? v.lo : R->floor[j];
            R->cap[j] = v.hi;
        }
        const char *own[3] = { key };
        if (ok && lei && FROM01[i].col == 0 && S->tab->id == JUE_T03 && sum01(S->t01, JUE_SIDE_EXPEND, own, &v)) {
            R->floor[j] = v.lo > R->floor[j] ? v.lo : R->floor[j];
            R->cap[j] = v.hi;
        }
    }
}

/* ---- what the other tables fix, once every one is judged
 *
 * A table two readings of which balance alike (07 with one 类: its figures
 * "120.00 118.65 118.65 1.35" hold every sum with 120.00 as 年初 or as 本年
 * 收入, 118.65 as 基本 or as 项目) is placed again once the other tables are
 * judged (rc.late), with what those read with confidence fix: 04's fund
 * column is 07's, 08's and 05's 合计 and 类 (the rules X.T04-T07.* and
 * X.T04-T05.*), and no figure of a part is above the same figure of the
 * table containing it (03 ⊇ 05, 07, 08; a blank there is 0). */

/* The lines of 04 a figure of 05/07/08 equals: its 合计 row, or each 类
 * (the 类's own line of 04). Columns: 07/08 年初 本年收入 小计 基本 项目
 * 年末; 04 合计 一般公共预算 政府性基金 国有资本经营. */
static const struct {
    jue_table_id tab;
    bool lei;
    int col;
    const char *line;
    jue_side side;
    int col04;
} FROM04[] = {
    { JUE_T07, false, 0, JUE_L4_BEGIN_PREFIX JUE_L4_INC_GOVFUND, JUE_SIDE_INCOME, 0 },
    { JUE_T07, false, 1, JUE_L4_INC_GOVFUND, JUE_SIDE_INCOME, 0 },
    { JUE_T07, false, 2, JUE_L_EXP_TOTAL, JUE_SIDE_EXPEND, 2 },
    { JUE_T07, false, 5, JUE_L4_END, JUE_SIDE_EXPEND, 2 },
    { JUE_T07, true, 2, NULL, JUE_SIDE_EXPEND, 2 },
    { JUE_T08, false, 0, JUE_L4_BEGIN_PREFIX JUE_L4_INC_SOE, JUE_SIDE_INCOME, 0 },
    { JUE_T08, false, 1, JUE_L4_INC_SOE, JUE_SIDE_INCOME, 0 },
    { JUE_T08, false, 2, JUE_L_EXP_TOTAL, JUE_SIDE_EXPEND, 3 },
    { JUE_T08, false, 5, JUE_L4_END, JUE_SIDE_EXPEND, 3 },
    { JUE_T08, true, 2, NULL, JUE_SIDE_EXPEND, 3 },
    { JUE_T05, false, 0, JUE_L_EXP_TOTAL, JUE_SIDE_EXPEND, 1 },
    { JUE_T05, true, 0, NULL, JUE_SIDE_EXPEND, 1 },
};

/* Cell (r, c) of t: its figure, a blank 0. */
static jue_interval figure_or_zero(const jue_table *t, int r, int c)
{
    const jue_cell *x = jue_table_cell_c(t, (size_t)r, (size_t)c);
    return x->present ? x->iv : (jue_interval){ 0, 0 };
}

/* Row key of 05/07/08: the bounds 04 and the containing table set. */
static void bounds_late(const solver *S, node *R, const char *key)
{
    bool total = !strcmp(key, JUE_L_TOTAL), lei = strlen(key) == 3 && jue_rec_digits(key);
    for (size_t i = 0; S->t04 && i < sizeof FROM04 / sizeof *FROM04; i++) {
        if (FROM04[i].tab != S->tab->id || !(FROM04[i].lei ? lei : total)) continue;
        int j = printed(S, FROM04[i].col);
        int r = jue_table_find_row(S->t04, FROM04[i].line ? FROM04[i].line : key, FROM04[i].side);
        if (j < 0 || r < 0) continue;
        jue_interval v = figure_or_zero(S->t04, r, FROM04[i].col04);
        R->floor[j] = v.lo > R->floor[j] ? v.lo : R->floor[j];
        R->cap[j] = v.hi < R->cap[j] ? v.hi : R->cap[j];
    }
    int wr = S->whole ? jue_table_find_row(S->whole, key, JUE_SIDE_NONE) : -1;
    for (int w = 0; wr >= 0 && w < (int)S->whole->ncols && w < REC_MAX_PCOLS; w++) {
        int j = S->wcol[w] ? printed(S, S->wcol[w] - 1) : -1;
        jue_interval v = figure_or_zero(S->whole, wr, w);
        if (j >= 0 && v.hi < R->cap[j]) R->cap[j] = v.hi;
    }
}

/* Per printed column of row r: the sum of the figures the tables it
 * contains print in the same row (their lower ends), and 01's bounds (and
 * when placed again, those of 04 and the table containing it). */
static void floors(const solver *S, node *R, const char *key)
{
    for (int j = 0; j < S->n; j++) R->cap[j] = INT64_MAX;
    bounds01(S, R, key);
    bounds_late(S, R, key);
    for (int p = 0; p < 3 && S->parts[p]; p++) {
        int pr = jue_table_find_row(S->parts[p], key, JUE_SIDE_NONE);
        for (int j = 0; j < S->n && pr >= 0; j++) {
            int pc = S->pcol[p][S->cols[j]] - 1;
            const jue_cell *f = pc >= 0 ? jue_table_cell_c(S->parts[p], (size_t)pr, (size_t)pc) : NULL;
            if (f && f->present && f->iv.lo > 0) R->floor[j] += f->iv.lo;
        }
    }
}

/* A row's placement pinned: blank in printed column j, or holding there
 * exactly the figure v (j < 0: free); wild: its figure wild - 1 taken as
 * any value (0: none) — and put in column j when j >= 0. */
typedef struct pinning {
    int j;
    bool blank;
    jue_interval v;
    int wild;
} pinning;

#define WIDE (INT64_MAX / 1024)   /* a figure taken as any value */

static bool pinned(const solver *S, const node *R, int r, unsigned m)
{
    const pinning *p = S->pin ? &S->pin[r] : NULL;
    jue_interval v;
    if (!p || p->j < 0) return true;
    if (p->blank) return !(m >> p->j & 1u);
    if (p->wild) return (m >> p->j & 1u) && popcount(m & ((1u << p->j) - 1u)) == p->wild - 1;
    return value(R, m, p->j, &v) && v.lo == p->v.lo && v.hi == p->v.hi;
}

static bool build_node(solver *S, int r)
{
    node *R = &S->rows[r];
    const jue_table *t = S->tab;
    floors(S, R, t->rows[r].key);
    for (int j = 0; j < S->n; j++) {
        const jue_cell *x = jue_table_cell_c(t, (size_t)r, (size_t)S->cols[j]);
        if (x->present) R->fig[R->k++] = *x;
        if (x->present && x->printed < 0) S->nonneg = false;
    }
    const pinning *p = S->pin ? &S->pin[r] : NULL;
    if (p && p->wild > 0 && p->wild <= R->k) R->fig[p->wild - 1].iv = (jue_interval){ -WIDE, WIDE };
    int cap = 1 << S->n;
    R->mask = malloc((size_t)cap * sizeof *R->mask);
    R->best = malloc((size_t)cap * sizeof *R->best);
    R->ways = malloc((size_t)cap);
    R->order = malloc((size_t)cap * sizeof *R->order);
    R->choice = calloc((size_t)cap, sizeof *R->choice);
    R->kids = malloc(t->nrows * sizeof *R->kids);
    if (!R->mask || !R->best || !R->ways || !R->order || !R->choice || !R->kids) return false;
    for (unsigned m = 0; m < (unsigned)cap; m++)
        if (popcount(m) == R->k && pinned(S, R, r, m)) R->mask[R->nmask++] = m;
    for (size_t q = 0; q < t->nrows; q++)
        if (child_of(t->rows[r].key, t->rows[q].key) && R->nkids < 64) R->kids[R->nkids++] = (int)q;
    return true;
}

/* Columns 01 puts at 0 in the 合计 row (a source the department had none
 * of): with no negative figure, no row has a figure there. Every row's
 * placements lose them, unless some row would then have none left. */
static void drop_empty_columns(solver *S)
{
    int tot = jue_table_find_row(S->tab, JUE_L_TOTAL, JUE_SIDE_NONE);
    if (!S->nonneg || tot < 0) return;
    unsigned zero = 0;
    for (int j = 0; j < S->n; j++) zero |= (unsigned)(S->rows[tot].cap[j] == 0) << j;
    for (size_t r = 0; r < S->tab->nrows; r++) {
        int left = 0;
        for (int mi = 0; mi < S->rows[r].nmask; mi++) left += !(S->rows[r].mask[mi] & zero);
        if (!left) return;
    }
    for (size_t r = 0; r < S->tab->nrows; r++) {
        node *R = &S->rows[r];
        int n = 0;
        for (int mi = 0; mi < R->nmask; mi++)
            if (!(R->mask[mi] & zero)) R->mask[n++] = R->mask[mi];
        R->nmask = n;
    }
}

/* Row r and its subtree put in the placements found. */
static void apply(solver *S, int r, int mi)
{
    node *R = &S->rows[r];
    for (int j = 0; j < S->n; j++) {
        jue_cell *x = jue_table_cell(S->tab, (size_t)r, (size_t)S->cols[j]);
        int line = S->tab->rows[r].src_line;
        jue_interval v;
        if (value(R, R->mask[mi], j, &v)) {
            int i = 0;
            for (int q = 0; q < j; q++) i += (int)(R->mask[mi] >> q & 1u);
            *x = R->fig[i];
        } else {
            memset(x, 0, sizeof *x);
            x->src_line = line;
        }
    }
    for (int i = 0; i < R->nkids && R->choice[mi]; i++) apply(S, R->kids[i], R->choice[mi][i]);
}

/* Every row that is no 类/款/项 of another: its best placement; whether
 * some has two equally good readings. *cost: the reading's, all told. */
static bool place_roots(solver *S, long *cost)
{
    *cost = 0;
    bool *child = calloc(S->tab->nrows, sizeof *child);
    if (!child) { S->nomem = true; return false; }
    for (size_t r = 0; r < S->tab->nrows; r++)
        for (int i = 0; i < S->rows[r].nkids; i++) child[S->rows[r].kids[i]] = true;
    bool ambiguous = false;
    for (size_t r = 0; r < S->tab->nrows && !S->nomem; r++) {
        if (child[r]) continue;
        solve(S, (int)r);
        node *R = &S->rows[r];
        int bi = 0, ties = 0;
        for (int mi = 0; mi < R->nmask; mi++) {
            if (R->best[mi] < R->best[bi]) bi = mi, ties = 0;
            if (R->best[mi] == R->best[bi]) ties += R->ways[mi];
        }
        if (!S->nomem && R->nmask) apply(S, (int)r, bi);
        *cost += R->nmask ? R->best[bi] : 0;
        ambiguous |= ties > 1;
    }
    free(child);
    return ambiguous;
}

static void free_nodes(solver *S)
{
    for (size_t r = 0; S->rows && r < S->tab->nrows; r++) {
        node *R = &S->rows[r];
        for (int mi = 0; R->choice && mi < R->nmask; mi++) free(R->choice[mi]);
        free(R->mask);
        free(R->best);
        free(R->ways);
        free(R->order);
        free(R->choice);
        free(R->kids);
    }
    free(S->rows);
}

/* The printed index of model column c, or -1. */
static int printed(const solver *S, int c)
{
    for (int j = 0; j < S->n; j++)
        if (S->cols[j] == c) return j;
    return -1;
}

/* A table that contains others: its columns at least theirs, row by row
 * (model column of the whole → the part's column + 1). */
static const struct {
    jue_table_id whole, part;
    int col[REC_MAX_PCOLS];
} CONTAINS[] = {
    { JUE_T03, JUE_T05, { 1, 2, 3 } },   /* 本年支出合计 基本 项目 ⊇ 05 合计 基本 项目 */
    { JUE_T03, JUE_T07, { 3, 4, 5 } },   /* ⊇ 07 本年支出 小计 基本 项目 */
    { JUE_T03, JUE_T08, { 3, 4, 5 } },
};

bool jue_rec_placed_after(jue_table_id id)
{
    for (size_t i = 0; i < sizeof FROM01 / sizeof *FROM01; i++)
        if (FROM01[i].tab == id) return true;
    for (size_t i = 0; i < sizeof CONTAINS / sizeof *CONTAINS; i++)
        if (CONTAINS[i].whole == id) return true;
    return false;
}

/* Table id of c, read with confidence, or NULL. */
static const jue_table *confident(const rc *c, jue_table_id id)
{
    return c->d->tables[id] && !c->doubt[id] ? c->d->tables[id] : NULL;
}

/* The tables tab contains that were read with confidence; placed again
 * (every table judged), 04 and the table containing tab, so read. */
static void contained(const rc *c, solver *S)
{
    int n = 0;
    for (size_t i = 0; i < sizeof CONTAINS / sizeof *CONTAINS; i++) {
        const jue_table *p = confident(c, CONTAINS[i].part), *w = confident(c, CONTAINS[i].whole);
        if (CONTAINS[i].whole == S->tab->id && p && n < 3) {
            S->parts[n] = p;
            S->pcol[n++] = CONTAINS[i].col;
        }
        if (c->late && CONTAINS[i].part == S->tab->id && w) S->whole = w, S->wcol = CONTAINS[i].col;
    }
    S->t01 = confident(c, JUE_T01);
    S->t04 = c->late && S->tab->id != JUE_T04 ? confident(c, JUE_T04) : NULL;
}

/* Whether every row of S has at most one placement. */
static bool forced(const solver *S)
{
    jue_table_id id = S->tab->id;
    if (id == JUE_T01 || id == JUE_T04 || id == JUE_T06 || id == JUE_T09) return false;
    for (size_t r = 0; r < S->tab->nrows; r++)
        if (S->rows[r].nmask > 1) return false;
    return true;
}

/* ---- a column printed one row down (the producer's slip, not the reading's)
 *
 * A column shifted one row in the producer's sheet leaves its first cell
 * blank, and a copy with nothing where a cell is blank prints that row a
 * figure short: its figures could stand in several placements, and the sums
 * fail in every one. When no reading of the table balances (so the table is
 * wrong however its short rows are read — through the PDF too), the shape
 * the shift leaves is looked for: a row with a blank in a column j of its
 * sum, and from it down rows that each fail their own sum as printed and
 * balance with the column-j figure of the row below (at least two rows).
 * When exactly one such run is longest (its start, column and the figures
 * that moved), the table is placed by its sums again with the run's blank
 * and figures pinned there, and the reading is kept — checked as a ruled
 * table's, so the rules report the shift as the PDF's reading does — only
 * when that placing is unambiguous, each row of the run balances with the
 * figure below it, and moving the column back up leaves fewer identities
 * failing than the best reading as printed. Anything else (two runs as
 * long, a run that explains less) stays set aside with a warning. A correct
 * table never takes this path: its true reading balances. */

#define MAX_RUN 16

typedef struct {
    int a, j, len;               /* rows a … a+len-1 moved, in printed column j */
    jue_interval v[MAX_RUN + 1]; /* the figures they balance with: rows a+1 … a+len in column j */
} shift;

#define MAX_CAND 8

typedef struct {
    const solver *S;
    shift cur, cand[MAX_CAND];   /* the longest runs found, distinct */
    int ncand;                   /* MAX_CAND + 1: too many to weigh */
    long steps;
} shift_search;

static bool same_shift(const shift *x, const shift *y)
{
    bool same = x->a == y->a && x->j == y->j && x->len == y->len;
    for (int i = 0; same && i < x->len; i++) same = x->v[i].lo == y->v[i].lo && x->v[i].hi == y->v[i].hi;
    return same;
}

/* The run in q->cur: remembered when none found is longer. */
static void record(shift_search *q)
{
    int best = q->ncand ? q->cand[0].len : 0;
    if (q->cur.len < 2 || q->cur.len < best) return;
    if (q->cur.len > best) q->ncand = 0;
    for (int i = 0; i < q->ncand && i < MAX_CAND; i++)
        if (same_shift(&q->cur, &q->cand[i])) return;
    if (q->ncand < MAX_CAND) q->cand[q->ncand] = q->cur;
    if (q->ncand <= MAX_CAND) q->ncand++;
}

/* Row i placed m, the run's last so far: each placement of row i+1 whose
 * column-j figure balances row i, the run carried on through row i+1 — where
 * it fails as printed, or balances as printed and with the figure of the row
 * below too (the same figure moved into it: "91.21 91.21" under a 类 of
 * 91.21). A run is kept only when a row after its first fails as printed,
 * in it or right below it (else it is a figure lost over rows that repeat
 * their 类's figures, not a shift). nfail: rows a+1 … i failing as printed.
 * Whether a run was kept through row i. */
static bool extend(shift_search *q, int i, unsigned m, int nfail)
{
    const solver *S = q->S;
    const node *R = &S->rows[i], *B = i + 1 < (int)S->tab->nrows ? &S->rows[i + 1] : NULL;
    int j = q->cur.j, at = q->cur.len - 1;
    bool kept = false;
    for (int mi = 0; B && mi < B->nmask && ++q->steps < MAX_STEPS; mi++) {
        unsigned mb = B->mask[mi];
        if (!value(B, mb, j, &q->cur.v[at]) || row_fails(S, R, m, j, &q->cur.v[at], true)) continue;
        bool fb = row_fails(S, B, mb, -1, NULL, true), more = false;
        if (q->cur.len < MAX_RUN) {
            q->cur.len++;
            more = extend(q, i + 1, mb, nfail + fb);
            q->cur.len--;
        }
        if (!more && (nfail > 0 || fb)) {
            record(q);
            more = true;
        }
        kept |= more;
    }
    return kept;
}

/* The longest runs of the shift's shape in S, at most MAX_CAND (0: none,
 * or too many to weigh). */
static int find_shifts(const solver *S, shift *out)
{
    shift_search q = { .S = S };
    for (size_t a = 0; a < S->tab->nrows; a++) {
        const node *R = &S->rows[a];
        for (int mi = 0; mi < R->nmask; mi++)
            for (int j = 0; j < S->n; j++) {
                /* a blank in a column of the row's sum (01/04/06/09 have none) */
                if ((R->mask[mi] >> j & 1u) || (j != S->tot && !S->part[j])) continue;
                if (!row_fails(S, R, R->mask[mi], -1, NULL, true)) continue;
                q.cur = (shift){ .a = (int)a, .j = j, .len = 1 };
                extend(&q, (int)a, R->mask[mi], 0);
            }
    }
    if (q.ncand > MAX_CAND || q.steps >= MAX_STEPS) return 0;
    memcpy(out, q.cand, (size_t)q.ncand * sizeof *out);
    return q.ncand;
}

/* Whether row r of t balances its own sum with the figure of the row below
 * in column col. */
static bool balances_moved(const jue_table *t, size_t r, size_t col)
{
    int tot, from, to;
    if (!jue_imp_row_parts(t->id, &tot, &from, &to)) return false;
    jue_interval sum = { 0, 0 }, total = { 0, 0 };
    for (int c = tot; c <= to; c++) {
        const jue_cell *x = jue_table_cell_c(t, (size_t)c == col ? r + 1 : r, (size_t)c);
        if (c == tot || c < from) {
            if (c == tot && x->present) total = x->iv;
            continue;
        }
        if (x->present) sum.lo += x->iv.lo, sum.hi += x->iv.hi;
    }
    return !fails(true, total, sum);
}

/* The identities table t fails, its column col's figures of rows [a, a+len)
 * taken from the row below (len 0: as read). */
static int failures_moved(const jue_table *t, size_t col, int a, int len, bool *nomem)
{
    jue_table m = *t;
    size_t size = t->nrows * t->ncols * sizeof *t->cells;
    m.cells = malloc(size);
    if (!m.cells) { *nomem = true; return 0; }
    memcpy(m.cells, t->cells, size);
    for (int i = a; i < a + len; i++) *jue_table_cell(&m, (size_t)i, col) = *jue_table_cell_c(t, (size_t)i + 1, col);
    int f = 0, checks = 0;
    jue_imp_doubt(&m, false, &f, &checks);
    free(m.cells);
    return f;
}

/* S set up for tab: its sums, the tables it contains and each row's
 * placements (only pin[r] where pin is given and pin[r] >= 0). False when
 * out of memory. */
static bool set_up(rc *c, jue_table *tab, solver *S, const pinning *pin)
{
    *S = (solver){ .tab = tab, .n = c->npcols[tab->id], .cols = c->pcols[tab->id], .nonneg = true, .pin = pin };
    contained(c, S);
    int tot, from, to;
    S->tot = -1;
    if (jue_imp_row_parts(tab->id, &tot, &from, &to)) {
        S->tot = printed(S, tot);
        for (int j = 0; j < S->n && j < REC_MAX_PCOLS; j++) S->part[j] = S->cols[j] >= from && S->cols[j] <= to;
    }
    S->rows = calloc(tab->nrows, sizeof *S->rows);
    bool ok = S->rows != NULL;
    for (size_t r = 0; r < tab->nrows && ok; r++) ok = build_node(S, (int)r);
    if (ok) drop_empty_columns(S);
    return ok;
}

/* A table placed again with some rows pinned: the pins (per row, free
 * unless set) and the table's cells as they were. */
typedef struct {
    pinning *pin;
    jue_cell *old;
    bool nomem;
} replacing;

/* Every row of tab free and its cells saved; false when out of memory. */
static bool replace_begin(const jue_table *tab, replacing *p)
{
    size_t size = tab->nrows * tab->ncols * sizeof *tab->cells;
    *p = (replacing){ .pin = malloc(tab->nrows * sizeof *p->pin), .old = malloc(size) };
    p->nomem = !p->pin || !p->old;
    if (p->nomem) return false;
    memcpy(p->old, tab->cells, size);
    for (size_t r = 0; r < tab->nrows; r++) p->pin[r] = (pinning){ .j = -1 };
    return true;
}

/* tab placed by its sums with p's pins: whether the placing is unambiguous
 * (within the steps); *cost its cost. */
static bool replace_place(rc *c, jue_table *tab, replacing *p, long *cost)
{
    solver S;
    bool ok = set_up(c, tab, &S, p->pin);
    p->nomem |= !ok || S.nomem;
    ok = ok && !place_roots(&S, cost) && !S.nomem && S.steps <= MAX_STEPS;
    p->nomem |= S.nomem;
    free_nodes(&S);
    return ok && !p->nomem;
}

/* tab's cells as they were unless keep; p freed. */
static void replace_end(rc *c, jue_table *tab, replacing *p, bool keep)
{
    if (!keep && p->old) memcpy(tab->cells, p->old, tab->nrows * tab->ncols * sizeof *tab->cells);
    c->nomem |= p->nomem;
    free(p->pin);
    free(p->old);
}

/* The figures of row r of tab in printed order; their count. */
static int row_figures(const rc *c, const jue_table *tab, int r, jue_interval *out)
{
    int k = 0;
    for (int j = 0; j < c->npcols[tab->id] && k < REC_MAX_PCOLS; j++) {
        const jue_cell *x = jue_table_cell_c(tab, (size_t)r, (size_t)c->pcols[tab->id][j]);
        if (x->present) out[k++] = x->iv;
    }
    return k;
}

/* Row r's figure taken as any value in a placing put back as printed. */
static void unwild(const rc *c, jue_table *tab, int r, jue_interval printed)
{
    for (int j = 0; j < c->npcols[tab->id]; j++) {
        jue_cell *x = jue_table_cell(tab, (size_t)r, (size_t)c->pcols[tab->id][j]);
        if (x->present && x->iv.lo == -WIDE) x->iv = printed;
    }
}

/* tab placed again with the run h pinned (above) — the figure moved into
 * row a+len taken as any value when lost > 0 (its figure lost - 1): the
 * identities it fails once the run's column is moved back up, or -1 when
 * that placing is ambiguous or a row of the run does not balance so. tab
 * is left as it was unless keep. */
static int shift_placed(rc *c, jue_table *tab, const shift *h, int lost, bool keep)
{
    replacing p;
    long cost = 0;
    bool ok = replace_begin(tab, &p);
    int last = h->a + h->len;
    if (ok) {
        p.pin[h->a] = (pinning){ .j = h->j, .blank = true };
        for (int i = 0; i < h->len; i++) p.pin[h->a + 1 + i] = (pinning){ .j = h->j, .v = h->v[i] };
        p.pin[last].wild = lost;
        ok = replace_place(c, tab, &p, &cost);
    }
    if (lost) unwild(c, tab, last, h->v[h->len - 1]);
    size_t col = (size_t)c->pcols[tab->id][h->j];
    for (int i = 0; ok && i < h->len; i++) ok = balances_moved(tab, (size_t)(h->a + i), col);
    int f = ok ? failures_moved(tab, col, h->a, h->len, &p.nomem) : -1;
    replace_end(c, tab, &p, ok && keep);
    return p.nomem ? -1 : f;
}

/* The run h placed (above). The figure moved into the run's last row took
 * the place of that row's own, which the copy lost: when the sums leave
 * two readings of the rest alike (a sibling of that row could stand in
 * either part of a parent failing anyway), that figure is taken as any
 * value, its own unknown, and the reading it lets balance is the one. */
static int try_shift(rc *c, jue_table *tab, const shift *h, bool keep)
{
    int f = shift_placed(c, tab, h, 0, keep);
    jue_interval fig[REC_MAX_PCOLS];
    int k = f < 0 && !c->nomem ? row_figures(c, tab, h->a + h->len, fig) : 0, lost = 0;
    for (int i = 0; i < k; i++)
        if (fig[i].lo == h->v[h->len - 1].lo && fig[i].hi == h->v[h->len - 1].hi) lost = lost ? -1 : i + 1;
    return lost > 0 ? shift_placed(c, tab, h, lost, keep) : f;
}

/* Of the runs h[0 … n), the one whose reading, moved back, fails fewest
 * identities — fewer than fails_best — put in tab; false when none or two
 * tie. */
static bool place_shifted(rc *c, jue_table *tab, const shift *h, int n, int fails_best)
{
    int best = -1, least = fails_best, ties = 0;
    for (int i = 0; i < n && !c->nomem; i++) {
        int f = try_shift(c, tab, &h[i], false);
        if (f < 0 || f > least) continue;
        ties = f == least ? ties + 1 : 0;
        best = f < least || best < 0 ? i : best;
        least = f;
    }
    if (best < 0 || ties || c->nomem) return false;
    return try_shift(c, tab, &h[best], true) == least;
}

/* ---- one figure wrong (the producer's slip, not the reading's)
 *
 * A row whose figures balance its own sum in no placement (two unequal
 * figures under a total and two parts) is wrong however it is read. When no
 * reading of the table balances and two or more fail equally few
 * identities, each figure of such a row is taken in turn as the wrong one,
 * standing for any value: when exactly one of them lets exactly one reading
 * balance, the table is placed so, with that figure as printed, and the
 * confidence check judges whether that one cell explains the failures (a
 * slip: the rules report it) or not (set aside, as before). */

#define MAX_SUSPECTS 2

/* The rows of S no placement of which balances their own sum; -1 when more
 * than max. */
static int unbalanced_rows(const solver *S, int *out, int max)
{
    int n = 0;
    for (size_t r = 0; r < S->tab->nrows; r++) {
        const node *R = &S->rows[r];
        bool any = false;
        for (int mi = 0; mi < R->nmask && !any; mi++) any = !row_fails(S, R, R->mask[mi], -1, NULL, false);
        if (any || !R->nmask) continue;
        if (n == max) return -1;
        out[n++] = (int)r;
    }
    return n;
}

/* tab placed with figure i of row r taken as any value: whether exactly one
 * reading balances. tab is left so, the figure as printed, only when keep. */
static bool try_wild(rc *c, jue_table *tab, int r, int i, bool keep)
{
    replacing p;
    long cost = 0;
    jue_interval fig[REC_MAX_PCOLS];   /* the figures as printed */
    int k = row_figures(c, tab, r, fig);
    bool ok = replace_begin(tab, &p);
    if (ok) {
        p.pin[r].wild = i + 1;
        ok = replace_place(c, tab, &p, &cost) && cost < FAIL;
    }
    if (ok && i < k) unwild(c, tab, r, fig[i]);
    replace_end(c, tab, &p, ok && keep);
    return ok && !p.nomem;
}

/* The one figure of an unbalanced row whose being wrong alone lets the
 * table balance, put in tab; false when none or more than one. */
static bool place_one_wrong(rc *c, jue_table *tab, const int *rows, int nrows)
{
    int found = 0, fr = -1, fi = -1;
    for (int q = 0; q < nrows && found < 2 && !c->nomem; q++) {
        int k = 0;
        for (int j = 0; j < c->npcols[tab->id]; j++)
            k += jue_table_cell_c(tab, (size_t)rows[q], (size_t)c->pcols[tab->id][j])->present;
        for (int i = 0; i < k && i < REC_MAX_PCOLS && found < 2; i++)
            if (try_wild(c, tab, rows[q], i, false)) found++, fr = rows[q], fi = i;
    }
    return found == 1 && !c->nomem && try_wild(c, tab, fr, fi, true);
}

const char jue_rec_ambiguous[] = "表行以单个空格分隔、空白单元格没有标记，按合计与各栏核对仍有两种以上放法，分不清各数字所在的栏";

const char *jue_rec_place_packed(rc *c, jue_table *tab, bool *sure)
{
    *sure = false;
    int n = c->npcols[tab->id];
    if (n <= 0 || n > REC_MAX_PCOLS || !tab->nrows) return NULL;
    solver S;
    long cost = 0;
    bool ok = set_up(c, tab, &S, NULL);
    if (ok && c->late && !S.t04 && !S.whole) {   /* placed again with nothing new */
        free_nodes(&S);
        return jue_rec_ambiguous;
    }
    *sure = ok && forced(&S);
    bool ambiguous = ok && place_roots(&S, &cost);
    bool steps = S.steps > MAX_STEPS;
    /* no reading balances: the producer's slip, maybe a shifted column */
    bool slip = ok && !S.nomem && !steps && !c->late && cost >= FAIL;
    shift h[MAX_CAND];
    int nh = slip && !*sure ? find_shifts(&S, h) : 0;
    int wrong[MAX_SUSPECTS];
    int nw = slip && ambiguous ? unbalanced_rows(&S, wrong, MAX_SUSPECTS) : 0;
    free_nodes(&S);
    if (!ok || S.nomem) {
        c->nomem = true;
        return NULL;
    }
    /* placed again: kept only when one reading holds every sum and bound */
    if (c->late && (ambiguous || steps || cost))
        return "表行以单个空格分隔、空白单元格没有标记，按合计与各栏核对仍有两种以上放法，对照其他各表也分不清各数字所在的栏";
    if (nh && place_shifted(c, tab, h, nh, failures_moved(tab, 0, 0, 0, &c->nomem))) {
        *sure = true;
        return NULL;
    }
    if (nw > 0 && place_one_wrong(c, tab, wrong, nw)) return NULL;
    if (steps) return "表行以单个空格分隔、空白单元格没有标记，各数字可放的栏太多，未能逐一核对";
    if (ambiguous) return jue_rec_ambiguous;
    return NULL;
}
