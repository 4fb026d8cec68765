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
 * its last digit, so 尾差 never counts). A code table with a 科目 name that
 * is or ends in an amount ("…支出129.29") was read with its name and figure
 * columns run together, and is set aside whatever its sums say.
 *
 * A slip of the producer is not a misreading: one printed figure wrong (a
 * 项 raised, two digits swapped, a figure copied from the row above) fails
 * every identity it takes part in and no other, and one value of that cell
 * would make them all hold. When the failures are explained so — one printed
 * cell common to every failing identity, every identity through it failing
 * alike, one interval for its true value satisfying them all — the table is
 * kept, and the rule pack reports the slip as the error it is — when at
 * least two identities fail (one alone does not say which of its figures is
 * wrong) and at least as many hold. Otherwise a
 * table read from packed rows with a choice of placement (packed: the
 * recognizer passes false when every row had one placement only) must pass
 * every check (06 read group by group with a name or figure taken from
 * another line, src/recognize/packed_06.c: 类 = Σ 款 and 人员经费合计 /
 * 公用经费合计 = the 类 of their side), and 09 read from packed rows is set
 * aside outright (its blank cells cannot be told apart there; 01 and 04 are
 * read line by line by src/recognize/packed_panes.c, 04's funds placed by
 * its sums in place_funds.c); other tables are set aside when at least three checks fail and they
 * are a fifth of them. A blank cell never explains the failures: a figure
 * lost by the reading (an unparsed cell, a packed row short of a figure)
 * looks exactly like it. */
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>

/* A cell of the table. */
typedef struct {
    size_t r, c;
} pos;

/* The failing identities remembered for the one-slip test. */
#define MAX_FAILS 16

/* One identity: a total cell and the cells that add up to it. */
typedef struct {
    pos total;
    pos *parts;
    size_t nparts;
} ident;

typedef struct {
    const jue_table *t;
    bool packed;              /* read from packed rows with a choice made */
    int checks, fails;
    pos *scratch;             /* parts of the identity being built (nrows + ncols) */
    uint32_t *klen;           /* per row: its key's length, or 0 when the key is not all digits */
    size_t nscratch;
    /* the cells common to every failing identity so far (first: all its cells) */
    pos *common;
    size_t ncommon;
    bool common_set;
    /* probing one cell: whether every identity is explained by it */
    bool probing;
    pos x;
    bool explained;           /* no failing identity without x so far */
    jue_interval need;        /* the values of x that make every identity through it hold */
} tally;

static jue_interval civ(const jue_table *t, pos p)
{
    const jue_cell *x = jue_table_cell_c(t, p.r, p.c);
    return x->present ? x->iv : (jue_interval){ 0, 0 };
}

static bool same(pos a, pos b) { return a.r == b.r && a.c == b.c; }

static bool in_ident(const ident *id, pos p)
{
    if (same(id->total, p)) return true;
    for (size_t i = 0; i < id->nparts; i++)
        if (same(id->parts[i], p)) return true;
    return false;
}

/* Keeps the common cells that the failing identity id also has. */
static void narrow_common(tally *k, const ident *id)
{
    if (!k->common_set) {
        k->common_set = true;
        k->common[k->ncommon++] = id->total;
        for (size_t i = 0; i < id->nparts; i++) k->common[k->ncommon++] = id->parts[i];
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < k->ncommon; i++)
        if (in_ident(id, k->common[i])) k->common[n++] = k->common[i];
    k->ncommon = n;
}

/* While probing x: the values of x that make identity id hold, given the
 * other cells as printed. */
static void probe(tally *k, const ident *id, bool fails)
{
    if (!in_ident(id, k->x)) {
        if (fails) k->explained = false;
        return;
    }
    jue_interval tot = civ(k->t, id->total), others = { 0, 0 }, want;
    for (size_t i = 0; i < id->nparts; i++) {
        if (same(id->parts[i], k->x)) continue;
        jue_interval v = civ(k->t, id->parts[i]);
        others.lo += v.lo;
        others.hi += v.hi;
    }
    if (same(id->total, k->x)) want = others;
    else want = (jue_interval){ tot.lo - others.hi, tot.hi - others.lo };
    if (want.lo > k->need.lo) k->need.lo = want.lo;
    if (want.hi < k->need.hi) k->need.hi = want.hi;
}

/* Checks identity id (its parts in k->scratch). */
static void check(tally *k, pos total)
{
    ident id = { total, k->scratch, k->nscratch };
    k->nscratch = 0;
    const jue_cell *x = jue_table_cell_c(k->t, total.r, total.c);
    jue_interval v = civ(k->t, total), sum = { 0, 0 };
    for (size_t i = 0; i < id.nparts; i++) {
        jue_interval p = civ(k->t, id.parts[i]);
        sum.lo += p.lo;
        sum.hi += p.hi;
    }
    if (!x->present && sum.lo == 0 && sum.hi == 0) return;
    bool fails = v.hi < sum.lo || v.lo > sum.hi;
    if (k->probing) {
        probe(k, &id, fails);
        return;
    }
    k->checks++;
    if (!fails) return;
    k->fails++;
    if (k->fails <= MAX_FAILS) narrow_common(k, &id);
}

static void part(tally *k, size_t r, size_t c)
{
    k->scratch[k->nscratch++] = (pos){ r, c };
}

bool jue_imp_row_parts(jue_table_id id, int *total, int *from, int *to)
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
static void check_rows(tally *k)
{
    const jue_table *t = k->t;
    int tot, from, to;
    if (!jue_imp_row_parts(t->id, &tot, &from, &to) || (size_t)to >= t->ncols) return;
    for (size_t r = 0; r < t->nrows; r++) {
        bool any = false;
        for (int c = from; c <= to; c++) any |= jue_table_cell_c(t, r, (size_t)c)->present;
        if (!any) continue;
        for (int c = from; c <= to; c++) part(k, r, (size_t)c);
        check(k, (pos){ r, (size_t)tot });
    }
}

/* Whether the first n bytes of a and b are the same (n: a code's 3 or 5
 * digits: a loop, not a call of memcmp). */
static bool same_prefix(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return false;
    return true;
}

/* A 类 or 款 against its children, and 合计 against the 类, column by column. */
static void check_tree(tally *k)
{
    const jue_table *t = k->t;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *key = t->rows[r].key;
        size_t n = k->klen[r];
        bool total = !n && !strcmp(key, "合计");
        if (!total && n != 3 && n != 5) continue;
        size_t want = total ? 3 : n + 2, m = 0;
        /* the rows under r, found once: the same in every column */
        for (size_t q = 0; q < t->nrows; q++) {
            if (k->klen[q] != want || (!total && !same_prefix(t->rows[q].key, key, n))) continue;
            part(k, q, 0);
            m++;
        }
        for (size_t c = 0; c < t->ncols && m; c++) {
            for (size_t i = 0; i < m; i++) k->scratch[i].c = c;
            k->nscratch = m;
            check(k, (pos){ r, c });   /* reads the parts, empties the list */
        }
        k->nscratch = 0;
    }
}

/* 01 and 04: the two 总计 lines are equal. */
static void check_panes(tally *k)
{
    const jue_table *t = k->t;
    int a = jue_table_find_row(t, "收入总计", JUE_SIDE_NONE), b = jue_table_find_row(t, "支出总计", JUE_SIDE_NONE);
    if (a < 0 || b < 0 || t->ncols == 0) return;
    part(k, (size_t)b, 0);
    check(k, (pos){ (size_t)a, 0 });
}

/* 06: 人员经费合计 and 公用经费合计 against the 类 of their side. */
static void check_sides(tally *k)
{
    const jue_table *t = k->t;
    for (size_t r = 0; r < t->nrows && t->ncols; r++) {
        if (!t->rows[r].is_total) continue;
        for (size_t q = 0; q < t->nrows; q++)
            if (t->rows[q].side == t->rows[r].side && k->klen[q] == 3)
                part(k, q, 0);
        if (k->nscratch) check(k, (pos){ r, 0 });
    }
}

static void run(tally *k)
{
    jue_table_id id = k->t->id;
    if (id == JUE_T01 || id == JUE_T04) check_panes(k);
    else if (id == JUE_T06) {
        /* read with a choice from packed rows (packed_06.c); else the rule pack's */
        if (!k->packed) return;
        check_tree(k);
        check_sides(k);
    } else if (id != JUE_T09) {
        check_rows(k);
        check_tree(k);
    }
}

/* Whether one printed cell explains every failing identity: a slip of the
 * producer, not a misreading. */
static bool one_slip(tally *k)
{
    /* one failing identity is no evidence of where the slip is (a packed row
     * that lost a figure fails just so), and the rest must balance */
    if (k->fails < 2 || k->fails > MAX_FAILS || 2 * k->fails > k->checks) return false;
    for (size_t i = 0; i < k->ncommon; i++) {
        pos x = k->common[i];
        const jue_cell *cell = jue_table_cell_c(k->t, x.r, x.c);
        if (!cell->present) continue;
        k->probing = true;
        k->x = x;
        k->explained = true;
        k->need = (jue_interval){ INT64_MIN / 4, INT64_MAX / 4 };
        run(k);
        k->probing = false;
        if (k->explained && k->need.lo <= k->need.hi) return true;
    }
    return false;
}

/* A name that is a figure or ends in one ("754.75", "彩票公益金安排的支出129.29"):
 * the reading ran the name and figure columns together. */
static bool figure_in_name(const char *name)
{
    size_t n = strlen(name), k = n;
    while (k > 0 && ((name[k - 1] >= '0' && name[k - 1] <= '9') || name[k - 1] == ',' || name[k - 1] == '.')) k--;
    const char *dot = memchr(name + k, '.', n - k);
    return dot && dot > name + k && dot[-1] >= '0' && dot[-1] <= '9' && dot + 1 < name + n && dot[1] >= '0' &&
           dot[1] <= '9';
}

/* Whether a code table has a row whose name holds a figure. */
static bool figures_in_names(const jue_table *t)
{
    if (t->id == JUE_T01 || t->id == JUE_T04 || t->id == JUE_T06 || t->id == JUE_T09) return false;
    for (size_t r = 0; r < t->nrows; r++)
        if (t->rows[r].level != JUE_LEVEL_NONE && t->rows[r].name && figure_in_name(t->rows[r].name)) return true;
    return false;
}

/* Whether a code table holds one code on two rows under different names
 * ("208 社会保障和就业支出" and "208 行政事业单位养老支出"): the codes were not
 * read (a code printed in 类 | 款 | 项 parts with no such headings read
 * as its 类 alone), so its rows cannot be told apart. */
static uint32_t key_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The rows code_twice compares: a level, a name and a key. */
static bool named_code(const jue_row *a)
{
    return a->level != JUE_LEVEL_NONE && a->name && a->name[0] && a->key;
}

/* Two rows with one key and different names are there when a row's name is
 * not that of the first row with its key: the first row of each key is kept
 * in an open-addressed table by the key's hash (slot = row + 1; slots is a
 * power of two above the rows, zeroed). */
static bool code_twice_in(const jue_table *t, uint32_t *slot, uint32_t *hash, size_t slots)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const jue_row *a = &t->rows[r];
        if (!named_code(a)) continue;
        uint32_t h = hash[r] = key_hash(a->key);
        for (size_t i = h & (slots - 1);; i = (i + 1) & (slots - 1)) {
            if (!slot[i]) { slot[i] = (uint32_t)r + 1; break; }
            const jue_row *f = &t->rows[slot[i] - 1];
            if (hash[slot[i] - 1] != h || strcmp(f->key, a->key)) continue;
            if (strcmp(f->name, a->name)) return true;
            break;
        }
    }
    return false;
}

static bool code_twice(const jue_table *t)
{
    if (t->id == JUE_T01 || t->id == JUE_T04 || t->id == JUE_T09) return false;
    size_t slots = 16;
    while (slots <= 2 * t->nrows) slots *= 2;
    uint32_t *slot = t->nrows < UINT32_MAX / 4 ? malloc((slots + t->nrows) * sizeof *slot) : NULL;
    if (!slot) {   /* no memory: every pair */
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t q = r + 1; named_code(&t->rows[r]) && q < t->nrows; q++)
                if (named_code(&t->rows[q]) && !strcmp(t->rows[r].key, t->rows[q].key) &&
                    strcmp(t->rows[r].name, t->rows[q].name))
                    return true;
        return false;
    }
    memset(slot, 0, slots * sizeof *slot);
    bool twice = code_twice_in(t, slot, slot + slots, slots);
    free(slot);
    return twice;
}

const char *jue_imp_doubt(const jue_table *t, bool packed, int *fails, int *checks)
{
    tally k = { .t = t, .packed = packed };
    size_t room = t->nrows + t->ncols + 1;
    k.scratch = malloc(room * sizeof *k.scratch);
    k.common = malloc(room * sizeof *k.common);
    k.klen = malloc(room * sizeof *k.klen);
    bool mem = k.scratch && k.common && k.klen;
    for (size_t r = 0; mem && r < t->nrows; r++)
        k.klen[r] = all_digits(t->rows[r].key) ? (uint32_t)strlen(t->rows[r].key) : 0;
    if (mem) run(&k);
    bool slip = mem && one_slip(&k);
    free(k.scratch);
    free(k.common);
    free(k.klen);
    *fails = k.fails;
    *checks = k.checks;
    if (packed && t->id == JUE_T09)
        return "表行以单个空格分隔、空白单元格没有标记，分不清各数字所在的栏";
    if (!mem) return "内存不足，读出的数字未能相互核对";
    /* a two-pane table whose body stopped early (a name cut around its 行次
     * row ends it in a -layout copy): what was read is a part of it, and
     * rules that compare its rows with other tables would take the rest as 0 */
    if ((t->id == JUE_T01 || t->id == JUE_T04) && !t->empty &&
        (jue_table_find_row(t, "收入总计", JUE_SIDE_NONE) < 0 || jue_table_find_row(t, "支出总计", JUE_SIDE_NONE) < 0))
        return "没有读到收入总计和支出总计两行，表体只读出了一部分";
    if (figures_in_names(t)) return "有科目名称里夹着数字，名称和数字没有分开读出";
    if (code_twice(t)) return "同一科目编码读在了名称不同的几行上，科目编码没有读准（如按类、款、项分栏印出而表头没有读到）";
    if (slip) return NULL;
    if (packed && k.fails > 0)
        return "表行以单个空格分隔、空白单元格没有标记，读出的数字放进各栏后不能相互核对";
    if (k.fails >= 3 && k.fails * 5 >= k.checks)
        return "读出的数字多半不能相互核对（合计与各栏、上下级科目），多半是栏位读错了";
    return NULL;
}
