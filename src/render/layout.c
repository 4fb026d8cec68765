/* The grid layout of the official forms (see render_internal.h), plus the
 * small helpers every renderer needs: ordinals, amounts, ids, UTF-8. */
#include "render_internal.h"
#include "core/encoding.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- table-level facts ------------------------------------------------- */

bool jue_rd_has_line_no(jue_table_id id) { return id == JUE_T01 || id == JUE_T04; }

bool jue_rd_has_codes(jue_table_id id)
{
    return id == JUE_T02 || id == JUE_T03 || id == JUE_T05 || id == JUE_T06 || id == JUE_T07 ||
           id == JUE_T08;
}

bool jue_rd_has_sides(jue_table_id id) { return id == JUE_T01 || id == JUE_T04 || id == JUE_T06; }

const char *jue_rd_code_header(jue_table_id id)
{
    return id == JUE_T06 ? "经济分类科目编码" : "功能分类科目编码";
}

const char *jue_rd_head_lines(const jue_rd_head *h, char *buf, size_t n)
{
    static const char *const LAST_WORD[] = { "科目编码" };   /* 功能分类|科目编码 */
    if (!h->text) {
        snprintf(buf, n, "%d", h->num);
        return buf;
    }
    size_t len = strlen(h->text);
    for (size_t i = 0; i < sizeof LAST_WORD / sizeof LAST_WORD[0]; i++) {
        size_t k = strlen(LAST_WORD[i]);
        if (len > k && !strcmp(h->text + len - k, LAST_WORD[i]) && len < n) {
            snprintf(buf, n, "%.*s\n%s", (int)(len - k), h->text, h->text + len - k);
            return buf;
        }
    }
    return h->text;
}

const char *jue_rd_side_name(jue_side s)
{
    switch (s) {
    case JUE_SIDE_INCOME: return "收入";
    case JUE_SIDE_EXPEND: return "支出";
    case JUE_SIDE_PERSONNEL: return "人员经费";
    case JUE_SIDE_PUBLIC: return "公用经费";
    case JUE_SIDE_NONE: break;
    }
    return "";
}

const char *jue_rd_side_id(jue_side s)
{
    switch (s) {
    case JUE_SIDE_INCOME: return "income";
    case JUE_SIDE_EXPEND: return "expend";
    case JUE_SIDE_PERSONNEL: return "personnel";
    case JUE_SIDE_PUBLIC: return "public";
    case JUE_SIDE_NONE: break;
    }
    return NULL;
}

/* ---- small helpers ----------------------------------------------------- */

const char *jue_rd_note(const jue_table *t)
{
    return t->note ? t->note : t->empty ? "本表无数据。" : NULL;
}

void jue_rd_doc_title(const jue_disclosure *d, jue_buf *out)
{
    jue_buf_puts(out, d->department ? d->department : "");
    if (d->year > 0) jue_buf_printf(out, "%d年度", d->year);
    jue_buf_puts(out, "部门决算表");
}

void jue_rd_ordinal(int n, char *buf, size_t size)
{
    char num[16];
    jue_fmt_cn_numeral(n, num, sizeof num);
    if (size) snprintf(buf, size, "%s%s", num, *num ? "、" : "");
}

size_t jue_rd_fmt_decimals(jue_fen v, int decimals, char *buf, size_t n)
{
    if (decimals < 0) decimals = 0;
    if (decimals > 6) decimals = 6;
    uint64_t unit = 1, scale = 1;
    for (int i = 0; i < 6 - decimals; i++) unit *= 10;
    for (int i = 0; i < decimals; i++) scale *= 10;
    /* Magnitude in unsigned so INT64_MIN does not overflow; round half away
     * from zero like every other formatter of the project. */
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t q = (a + unit / 2) / unit;
    const char *sign = (v < 0 && q != 0) ? "-" : "";
    int w;
    if (decimals == 0)
        w = snprintf(buf, n, "%s%" PRIu64, sign, q);
    else
        w = snprintf(buf, n, "%s%" PRIu64 ".%0*" PRIu64, sign, q / scale, decimals, q % scale);
    if (w < 0) {
        if (n) buf[0] = '\0';
        return 0;
    }
    return (size_t)w < n ? (size_t)w : (n ? n - 1 : 0);
}

size_t jue_rd_utf8_len(const unsigned char *s, size_t n) { return jue_utf8_seq(s, n); }

const jue_cell *jue_rd_fact(const jue_table *t, const jue_rd_cell *c)
{
    if (c->kind != JUE_RC_AMOUNT || c->row < 0 || c->col < 0) return NULL;
    if ((size_t)c->row >= t->nrows || (size_t)c->col >= t->ncols) return NULL;
    const jue_cell *cell = jue_table_cell_c(t, (size_t)c->row, (size_t)c->col);
    return cell->present ? cell : NULL;
}

size_t jue_rd_amount(const jue_table *t, const jue_rd_cell *c, bool grouped, char *buf, size_t n)
{
    const jue_cell *cell = jue_rd_fact(t, c);
    if (!cell) {
        if (n) buf[0] = '\0';
        return 0;
    }
    return jue_fmt_wan(cell->printed, grouped, buf, n);
}

bool jue_rd_cell_total(const jue_rd_layout *l, const jue_rd_cell *c)
{
    /* 09 is one line of items; its 合计 item is not a total line. */
    if (l->t->id == JUE_T09 || c->row < 0) return false;
    return l->t->rows[c->row].is_total;
}

const char *jue_rd_cell_name(const jue_rd_layout *l, const jue_rd_cell *c)
{
    return c->row >= 0 ? l->t->rows[c->row].name : "";
}

static void put_id_part(jue_buf *out, const char *s)
{
    for (; *s; s++) {
        char ch = *s;
        jue_buf_putc(out, (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
                           ch == '\v') ? '_' : ch);
    }
}

bool jue_rd_cell_id(const jue_rd_layout *l, const jue_rd_cell *c, jue_buf *out)
{
    if (!c->rowkey || !c->colkey) return false;
    jue_buf_printf(out, "T%02d-", (int)l->t->id + 1);
    /* 01/04: an income line and an expenditure line may share a key (合计). */
    if (l->t->id == JUE_T01 || l->t->id == JUE_T04) {
        if (c->side == JUE_SIDE_INCOME) jue_buf_puts(out, "inc-");
        else if (c->side == JUE_SIDE_EXPEND) jue_buf_puts(out, "exp-");
    }
    put_id_part(out, c->rowkey);
    jue_buf_putc(out, '-');
    put_id_part(out, c->colkey);
    return true;
}

/* ---- building the grid ------------------------------------------------- */

static jue_status add_head(jue_rd_layout *l, int r, int c, int rs, int cs, const char *text,
                           int num)
{
    if (l->nheads == l->heads_cap) {
        size_t nc = l->heads_cap ? l->heads_cap * 2 : 16;
        jue_rd_head *nh = realloc(l->heads, nc * sizeof *nh);
        if (!nh) return JUE_ERR_NOMEM;
        l->heads = nh;
        l->heads_cap = nc;
    }
    l->heads[l->nheads++] = (jue_rd_head){ r, c, rs, cs, text, num };
    return JUE_OK;
}

/* Appends a body row of blank cells; NULL when out of memory. */
static jue_rd_cell *add_row(jue_rd_layout *l)
{
    size_t w = (size_t)l->ncols;
    if (l->nrows == l->rows_cap) {
        size_t nc = l->rows_cap ? l->rows_cap * 2 : 16;
        jue_rd_cell *ncells = realloc(l->cells, nc * (w ? w : 1) * sizeof *ncells);
        if (!ncells) return NULL;
        l->cells = ncells;
        l->rows_cap = nc;
    }
    jue_rd_cell *row = &l->cells[l->nrows * w];
    for (size_t i = 0; i < w; i++)
        row[i] = (jue_rd_cell){ .kind = JUE_RC_BLANK, .row = -1, .col = -1, .span = 1 };
    l->nrows++;
    return row;
}

static jue_status set_ncols(jue_rd_layout *l, int n)
{
    l->ncols = n;
    l->colkind = calloc(n > 0 ? (size_t)n : 1, sizeof *l->colkind);
    return l->colkind ? JUE_OK : JUE_ERR_NOMEM;
}

/* Code and name of a model row starting at grid column c. A row without a
 * code (合计, 人员经费合计) prints its name across both columns, as the forms do. */
static void put_code_name(const jue_table *t, jue_rd_cell *cells, int c, int r,
                          const char *name_key)
{
    const jue_row *row = &t->rows[r];
    jue_rd_cell base = { .row = r, .col = -1, .span = 1, .side = row->side, .rowkey = row->key };
    if (row->level == JUE_LEVEL_NONE) {
        cells[c] = base;
        cells[c].kind = JUE_RC_NAME;
        cells[c].span = 2;
        cells[c].colkey = name_key;
        cells[c + 1] = (jue_rd_cell){ .kind = JUE_RC_COVERED, .row = r, .col = -1, .span = 1 };
        return;
    }
    cells[c] = base;
    cells[c].kind = JUE_RC_CODE;
    cells[c].colkey = "科目编码";
    cells[c + 1] = base;
    cells[c + 1].kind = JUE_RC_NAME;
    cells[c + 1].colkey = name_key;
    cells[c + 1].level = (int)row->level;
}

static void put_amount(const jue_table *t, jue_rd_cell *cell, int r, int col)
{
    *cell = (jue_rd_cell){ .kind = JUE_RC_AMOUNT, .row = r, .col = col, .span = 1,
                           .side = t->rows[r].side, .rowkey = t->rows[r].key,
                           .colkey = t->cols[col].key };
}

/* 02, 03, 05, 07, 08: 科目编码 | 科目名称 | the model's columns, with the
 * model's column groups (本年支出 over 小计/基本支出/项目支出) merged above. */
static jue_status build_codes(const jue_table *t, jue_rd_layout *l)
{
    int nc = (int)t->ncols;
    jue_status st = set_ncols(l, 2 + nc);
    if (st) return st;
    l->colkind[0] = JUE_RK_CODE;
    l->colkind[1] = JUE_RK_NAME;
    for (int j = 0; j < nc; j++) l->colkind[2 + j] = JUE_RK_AMOUNT;
    /* a plain form (Shanghai) has no 栏次 row */
    l->head_rows = t->plain ? 2 : 3;
    l->lanci_row = t->plain ? -1 : 2;
    st = add_head(l, 0, 0, 1, 2, "项目", 0);
    if (!st) st = add_head(l, 1, 0, 1, 1, jue_rd_code_header(t->id), 0);
    if (!st) st = add_head(l, 1, 1, 1, 1, "科目名称", 0);
    if (!st && !t->plain) st = add_head(l, 2, 0, 1, 2, "栏次", 0);
    for (int j = 0; j < nc && !st; j++) {
        const char *g = t->cols[j].group;
        if (!g) {
            st = add_head(l, 0, 2 + j, 2, 1, t->cols[j].key, 0);
        } else {
            if (j == 0 || !t->cols[j - 1].group || strcmp(t->cols[j - 1].group, g) != 0) {
                int run = 1;
                while (j + run < nc && t->cols[j + run].group &&
                       strcmp(t->cols[j + run].group, g) == 0)
                    run++;
                st = add_head(l, 0, 2 + j, 1, run, g, 0);
            }
            if (!st) st = add_head(l, 1, 2 + j, 1, 1, t->cols[j].key, 0);
        }
        if (!st && !t->plain) st = add_head(l, 2, 2 + j, 1, 1, NULL, j + 1);
    }
    if (st) return st;
    for (size_t r = 0; r < t->nrows; r++) {
        jue_rd_cell *cells = add_row(l);
        if (!cells) return JUE_ERR_NOMEM;
        put_code_name(t, cells, 0, (int)r, "科目名称");
        for (int j = 0; j < nc; j++) put_amount(t, &cells[2 + j], (int)r, j);
    }
    return JUE_OK;
}

typedef struct {
    jue_side side;
    const char *title;
    bool code, line;
    int amt[8];          /* model columns shown in this pane */
    int namt;
    int *pos;            /* per body position: model row or -1 */
    int *lines;          /* per body position: 行次 to print */
    int *ords;           /* per body position: ordinal */
    int first_col;       /* grid column where the pane starts */
} pane;

static bool name_has_ordinal(const char *s)
{
    static const char *const NUM[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    const char *p = s;
    for (;;) {
        bool hit = false;
        for (size_t i = 0; i < sizeof NUM / sizeof NUM[0]; i++) {
            size_t k = strlen(NUM[i]);
            if (strncmp(p, NUM[i], k) == 0) { p += k; hit = true; break; }
        }
        if (!hit) break;
    }
    return p != s && strncmp(p, "、", strlen("、")) == 0;
}

/* Places one side's rows on the shared body positions. Lines before the
 * first total line (the body) pair with the other side's by order; total
 * lines and what follows (the footer) start together, and a shorter footer
 * keeps its last total (总计) on the last line, as the forms print it. */
static void place_side(const jue_table *t, pane *p, const int *rows, size_t n, size_t body,
                       size_t foot)
{
    size_t f = 0;
    while (f < n && !t->rows[rows[f]].is_total) f++;
    for (size_t i = 0; i < f; i++) p->pos[i] = rows[i];
    size_t k = n - f;
    if (k > 0 && k < foot && t->rows[rows[n - 1]].is_total) {
        for (size_t j = 0; j + 1 < k; j++) p->pos[body + j] = rows[f + j];
        p->pos[body + foot - 1] = rows[n - 1];
    } else {
        for (size_t j = 0; j < k; j++) p->pos[body + j] = rows[f + j];
    }
}

/* 行次 of blank positions: the forms number every line, so a run of blanks
 * between lines m and m+k+1 is numbered m+1 … m+k; when the numbers around it
 * do not leave exactly that room, blanks stay unnumbered. */
static void number_lines(const jue_table *t, pane *p, size_t total)
{
    size_t i = 0;
    while (i < total) {
        if (p->pos[i] >= 0) {
            p->lines[i] = t->rows[p->pos[i]].line_no;
            i++;
            continue;
        }
        size_t j = i;
        while (j < total && p->pos[j] < 0) j++;
        int before = i > 0 ? p->lines[i - 1] : 0;
        bool have_before = i == 0 || before > 0;
        if (j < total && have_before) {
            int after = t->rows[p->pos[j]].line_no;
            if (after > 0 && (size_t)(after - before) == j - i + 1)
                for (size_t k = i; k < j; k++) p->lines[k] = before + (int)(k - i) + 1;
        }
        i = j;
    }
}

/* Ordinals of 01/04: income lines and 类 lines, i.e. the body lines that are
 * not totals and not 款/项 detail. */
static void number_ordinals(const jue_table *t, pane *p, size_t body)
{
    int n = 0;
    for (size_t i = 0; i < body; i++) {
        if (p->pos[i] < 0) continue;
        const jue_row *r = &t->rows[p->pos[i]];
        if (r->is_total || (r->level != JUE_LEVEL_NONE && r->level != JUE_LEVEL_LEI)) continue;
        n++;
        if (!name_has_ordinal(r->name)) p->ords[i] = n;
    }
}

static int pane_width(const pane *p) { return (p->code ? 1 : 0) + 1 + (p->line ? 1 : 0) + p->namt; }

/* 01, 04 (收入 | 支出) and 06 (人员经费 | 公用经费). */
static jue_status build_panes(const jue_table *t, jue_rd_layout *l)
{
    bool is06 = t->id == JUE_T06;
    bool lanci = !is06 && !t->plain;   /* 行次 columns and a 栏次 row */
    pane P[2];
    memset(P, 0, sizeof P);
    P[0].side = is06 ? JUE_SIDE_PERSONNEL : JUE_SIDE_INCOME;
    P[1].side = is06 ? JUE_SIDE_PUBLIC : JUE_SIDE_EXPEND;
    P[0].title = is06 ? "人员经费" : "收入";
    P[1].title = is06 ? "公用经费" : "支出";
    for (int s = 0; s < 2; s++) {
        P[s].code = is06;
        P[s].line = lanci;
        for (size_t j = 0; j < t->ncols && j < 8; j++) P[s].amt[P[s].namt++] = (int)j;
    }
    if (t->id == JUE_T04) {
        /* The income pane of 04 shows one figure per line, the 合计. */
        int c = jue_table_find_col(t, JUE_L_TOTAL);
        P[0].amt[0] = c >= 0 ? c : 0;
        P[0].namt = t->ncols ? 1 : 0;
    }

    /* Rows of each side in model order. */
    size_t nn = t->nrows ? t->nrows : 1;
    int *rows[2] = { malloc(nn * sizeof(int)), malloc(nn * sizeof(int)) };
    size_t n[2] = { 0, 0 }, f[2] = { 0, 0 };
    jue_status st = JUE_OK;
    if (!rows[0] || !rows[1]) { st = JUE_ERR_NOMEM; goto out; }
    for (size_t r = 0; r < t->nrows; r++) {
        /* A row of no (or another) side still shows, in the left pane. */
        int s = t->rows[r].side == P[1].side ? 1 : 0;
        rows[s][n[s]++] = (int)r;
    }
    for (int s = 0; s < 2; s++)
        while (f[s] < n[s] && !t->rows[rows[s][f[s]]].is_total) f[s]++;
    size_t body = f[0] > f[1] ? f[0] : f[1];
    size_t foot = 0;
    for (int s = 0; s < 2; s++) {
        /* The forms leave numbered blank lines before 总计 (01: 30 and 61);
         * a jump in 行次 before the last total line keeps that room. */
        size_t k = n[s] - f[s], need = k;
        if (k >= 2 && lanci) {
            const jue_row *last = &t->rows[rows[s][n[s] - 1]], *prev = &t->rows[rows[s][n[s] - 2]];
            if (last->is_total && prev->line_no > 0 && last->line_no > prev->line_no + 1 &&
                last->line_no - prev->line_no - 1 <= 64)
                need += (size_t)(last->line_no - prev->line_no - 1);
        }
        if (need > foot) foot = need;
    }
    size_t total = body + foot;
    size_t alloc = total ? total : 1;
    for (int s = 0; s < 2; s++) {
        P[s].pos = malloc(alloc * sizeof(int));
        P[s].lines = calloc(alloc, sizeof(int));
        P[s].ords = calloc(alloc, sizeof(int));
        if (!P[s].pos || !P[s].lines || !P[s].ords) { st = JUE_ERR_NOMEM; goto out; }
        for (size_t i = 0; i < total; i++) P[s].pos[i] = -1;
        place_side(t, &P[s], rows[s], n[s], body, foot);
        if (P[s].line) number_lines(t, &P[s], total);
        if (!is06) number_ordinals(t, &P[s], body);
    }

    /* Grid columns. */
    int w0 = pane_width(&P[0]), w1 = pane_width(&P[1]);
    st = set_ncols(l, w0 + w1);
    if (st) goto out;
    P[0].first_col = 0;
    P[1].first_col = w0;
    l->head_rows = lanci ? 3 : 2;
    l->lanci_row = lanci ? 2 : -1;
    int lanci_no = 0;
    for (int s = 0; s < 2 && !st; s++) {
        int c = P[s].first_col;
        st = add_head(l, 0, c, 1, pane_width(&P[s]), P[s].title, 0);
        if (P[s].code) {
            l->colkind[c] = JUE_RK_CODE;
            if (!st) st = add_head(l, 1, c, 1, 1, jue_rd_code_header(t->id), 0);
            c++;
        }
        l->colkind[c] = JUE_RK_NAME;
        if (!st) st = add_head(l, 1, c, 1, 1, P[s].code ? "科目名称" : "项目", 0);
        c++;
        if (P[s].line) {
            l->colkind[c] = JUE_RK_LINE;
            if (!st) st = add_head(l, 1, c, 1, 1, "行次", 0);
            c++;
        }
        if (lanci && !st) st = add_head(l, 2, P[s].first_col, 1, c - P[s].first_col, "栏次", 0);
        for (int j = 0; j < P[s].namt && !st; j++, c++) {
            l->colkind[c] = JUE_RK_AMOUNT;
            /* 01/04 print a pane with one figure as 金额 (a plain form as 决算数) */
            const char *label = !is06 && P[s].namt == 1 ? (lanci ? "金额" : JUE_C_ACTUAL) : t->cols[P[s].amt[j]].key;
            st = add_head(l, 1, c, 1, 1, label, 0);
            if (lanci && !st) st = add_head(l, 2, c, 1, 1, NULL, ++lanci_no);
        }
    }
    if (st) goto out;

    for (size_t i = 0; i < total; i++) {
        jue_rd_cell *cells = add_row(l);
        if (!cells) { st = JUE_ERR_NOMEM; goto out; }
        for (int s = 0; s < 2; s++) {
            int c = P[s].first_col;
            int r = P[s].pos[i];
            const char *name_key = P[s].code ? "科目名称" : "项目";
            if (r >= 0) {
                if (P[s].code) {
                    put_code_name(t, cells, c, r, name_key);
                } else {
                    const jue_row *row = &t->rows[r];
                    cells[c] = (jue_rd_cell){ .kind = JUE_RC_NAME, .row = r, .col = -1, .span = 1,
                                              .ordinal = P[s].ords[i], .side = row->side,
                                              .rowkey = row->key, .colkey = name_key };
                }
            }
            c += P[s].code ? 2 : 1;
            if (P[s].line) {
                cells[c] = (jue_rd_cell){ .kind = JUE_RC_LINE, .row = r, .col = -1, .span = 1,
                                          .line_no = P[s].lines[i], .side = P[s].side,
                                          .rowkey = r >= 0 ? t->rows[r].key : NULL,
                                          .colkey = "行次" };
                c++;
            }
            for (int j = 0; j < P[s].namt; j++, c++)
                if (r >= 0) put_amount(t, &cells[c], r, P[s].amt[j]);
        }
    }

out:
    for (int s = 0; s < 2; s++) {
        free(rows[s]);
        free(P[s].pos);
        free(P[s].lines);
        free(P[s].ords);
    }
    return st;
}

/* 06 as the national form prints it: three column groups of 经济分类科目编码
 * | 科目名称 | 决算数 — 人员经费 (301, 303), then under one 公用经费 heading 302
 * and the rest (307, 310, 312, 399) — and one last line with 人员经费合计
 * under the first group and 公用经费合计 across the others, its figures in
 * the last column. One landscape page holds the whole form. A table with
 * no 公用经费 beyond 302 (a hand-made one) leaves out the third group. */
#define G06 3

static int group_06(const jue_row *row)
{
    if (row->side != JUE_SIDE_PUBLIC) return 0;
    return strncmp(row->key, "302", 3) == 0 ? 1 : 2;
}

static jue_status heads_06(const jue_table *t, jue_rd_layout *l, int gw, int ng)
{
    jue_status st = add_head(l, 0, 0, 1, gw, "人员经费", 0);
    if (!st) st = add_head(l, 0, gw, 1, (ng - 1) * gw, "公用经费", 0);
    for (int g = 0; g < ng && !st; g++) {
        int c = g * gw;
        l->colkind[c] = JUE_RK_CODE;
        l->colkind[c + 1] = JUE_RK_NAME;
        st = add_head(l, 1, c, 1, 1, jue_rd_code_header(t->id), 0);
        if (!st) st = add_head(l, 1, c + 1, 1, 1, "科目名称", 0);
        for (int j = 0; j + 2 < gw && !st; j++) {
            l->colkind[c + 2 + j] = JUE_RK_AMOUNT;
            st = add_head(l, 1, c + 2 + j, 1, 1, t->cols[j].key, 0);
        }
    }
    l->head_rows = 2;
    l->lanci_row = -1;
    return st;
}

/* The totals' line: a total's name spans from its group's first column to
 * where its figures start, `from` columns before the end of `to`. */
static void put_total_06(const jue_table *t, jue_rd_cell *cells, int r, int from, int to, int gw)
{
    const jue_row *row = &t->rows[r];
    int c0 = from * gw, a0 = to * gw + 2, nc = gw - 2;
    cells[c0] = (jue_rd_cell){ .kind = JUE_RC_NAME, .row = r, .col = -1, .span = a0 - c0, .side = row->side,
                               .rowkey = row->key, .colkey = "科目名称" };
    for (int c = c0 + 1; c < a0; c++) cells[c] = (jue_rd_cell){ .kind = JUE_RC_COVERED, .row = r, .col = -1, .span = 1 };
    for (int j = 0; j < nc; j++) put_amount(t, &cells[a0 + j], r, j);
}

static jue_status build_06(const jue_table *t, jue_rd_layout *l)
{
    /* the body lines: each group's rows in model order, side by side */
    size_t n[G06] = { 0 }, depth = 0;
    int total[2] = { -1, -1 };
    for (size_t r = 0; r < t->nrows; r++) {
        const jue_row *row = &t->rows[r];
        if (row->is_total) total[row->side == JUE_SIDE_PUBLIC] = (int)r;
        else if (++n[group_06(row)] > depth) depth = n[group_06(row)];
    }
    int nc = (int)t->ncols, gw = 2 + nc, ng = n[G06 - 1] ? G06 : G06 - 1;
    l->one_page = true;
    jue_status st = set_ncols(l, ng * gw);
    if (!st) st = heads_06(t, l, gw, ng);
    if (st) return st;
    for (size_t i = 0; i < depth; i++)
        if (!add_row(l)) return JUE_ERR_NOMEM;
    size_t at[G06] = { 0 };
    for (size_t r = 0; r < t->nrows; r++) {
        if (t->rows[r].is_total) continue;
        int g = group_06(&t->rows[r]);
        jue_rd_cell *cells = &l->cells[at[g]++ * (size_t)l->ncols];
        put_code_name(t, cells, g * gw, (int)r, "科目名称");
        for (int j = 0; j < nc; j++) put_amount(t, &cells[g * gw + 2 + j], (int)r, j);
    }
    if (total[0] < 0 && total[1] < 0) return JUE_OK;
    jue_rd_cell *cells = add_row(l);
    if (!cells) return JUE_ERR_NOMEM;
    if (total[0] >= 0) put_total_06(t, cells, total[0], 0, 0, gw);
    if (total[1] >= 0) put_total_06(t, cells, total[1], 1, ng - 1, gw);
    return JUE_OK;
}

/* 09: the model holds items × (预算数, 决算数); the form prints one line,
 * each model column a group of the items, 公务用车购置及运行维护费 split into
 * 小计 | 购置费 | 运行维护费. Standard items always appear (blank when the
 * model lacks them); extra rows (会议费, 培训费 in some provinces) follow. */
typedef struct {
    const char *key;
    const char *label;
    int row;
    int kind;            /* 0 item, 1 group head (its own column is 小计), 2 sub-item */
} horiz_item;

static jue_status build_horiz(const jue_table *t, jue_rd_layout *l)
{
    static const struct { const char *key; int kind; } STD[] = {
        { JUE_L9_TOTAL, 0 },   { JUE_L9_ABROAD, 0 },  { JUE_L9_CAR, 1 },
        { JUE_L9_CAR_BUY, 2 }, { JUE_L9_CAR_RUN, 2 }, { JUE_L9_RECEPTION, 0 },
    };
    const size_t nstd = sizeof STD / sizeof STD[0];
    horiz_item *items = malloc((nstd + t->nrows) * sizeof *items);
    if (!items) return JUE_ERR_NOMEM;
    size_t ni = 0;
    for (size_t i = 0; i < nstd; i++) {
        int r = jue_table_find_row(t, STD[i].key, JUE_SIDE_NONE);
        items[ni++] = (horiz_item){ r >= 0 ? t->rows[r].key : STD[i].key,
                                    r >= 0 ? t->rows[r].name : STD[i].key, r, STD[i].kind };
    }
    for (size_t r = 0; r < t->nrows; r++) {
        bool std = false;
        for (size_t i = 0; i < nstd && !std; i++) std = strcmp(t->rows[r].key, STD[i].key) == 0;
        if (!std) items[ni++] = (horiz_item){ t->rows[r].key, t->rows[r].name, (int)r, 0 };
    }
    int ng = (int)t->ncols, w = (int)ni;
    jue_status st = set_ncols(l, ng * w);
    /* (a plain form keeps the 栏次 row here: the numbers tell the 18
     * columns of one line apart) */
    l->head_rows = 4;
    l->lanci_row = 3;
    l->landscape = true;
    for (int g = 0; g < ng && !st; g++) {
        int c0 = g * w;
        st = add_head(l, 0, c0, 1, w, t->cols[g].key, 0);
        for (int i = 0; i < w && !st; i++) {
            int c = c0 + i;
            l->colkind[c] = JUE_RK_AMOUNT;
            if (items[i].kind == 0) {
                st = add_head(l, 1, c, 2, 1, items[i].label, 0);
            } else if (items[i].kind == 1) {
                int subs = 0;
                while (i + 1 + subs < w && items[i + 1 + subs].kind == 2) subs++;
                st = add_head(l, 1, c, 1, 1 + subs, items[i].label, 0);
                if (!st) st = add_head(l, 2, c, 1, 1, "小计", 0);
            } else {
                st = add_head(l, 2, c, 1, 1, items[i].label, 0);
            }
            if (!st) st = add_head(l, 3, c, 1, 1, NULL, c + 1);
        }
    }
    if (!st) {
        jue_rd_cell *cells = add_row(l);
        if (!cells) st = JUE_ERR_NOMEM;
        for (int g = 0; g < ng && !st; g++)
            for (int i = 0; i < w; i++) {
                jue_rd_cell *c = &cells[g * w + i];
                if (items[i].row >= 0) {
                    put_amount(t, c, items[i].row, g);
                } else {
                    *c = (jue_rd_cell){ .kind = JUE_RC_AMOUNT, .row = -1, .col = g, .span = 1,
                                        .rowkey = items[i].key, .colkey = t->cols[g].key };
                }
            }
    }
    free(items);
    return st;
}

static int cmp_head(const void *a, const void *b)
{
    const jue_rd_head *x = a, *y = b;
    if (x->r != y->r) return x->r < y->r ? -1 : 1;
    return (x->c > y->c) - (x->c < y->c);
}

jue_status jue_rd_layout_build(const jue_table *t, jue_rd_layout *out)
{
    memset(out, 0, sizeof *out);
    out->t = t;
    out->lanci_row = -1;
    jue_status st;
    switch (t->id) {
    case JUE_T01:
    case JUE_T04: st = build_panes(t, out); break;
    case JUE_T06: st = build_06(t, out); break;
    case JUE_T09: st = build_horiz(t, out); break;
    default: st = build_codes(t, out); break;
    }
    if (st) {
        jue_rd_layout_free(out);
        return st;
    }
    if (out->nheads > 1) qsort(out->heads, out->nheads, sizeof *out->heads, cmp_head);
    /* Wide forms go on landscape pages; 01 and 05 fit a portrait page. */
    if (out->ncols >= 7 || t->id == JUE_T06) out->landscape = true;
    return JUE_OK;
}

void jue_rd_layout_free(jue_rd_layout *l)
{
    if (!l) return;
    free(l->colkind);
    free(l->heads);
    free(l->cells);
    memset(l, 0, sizeof *l);
}
