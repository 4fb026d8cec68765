/* Where the tables are: titles (with their labels and 续 marks), bare
 * 公开NN表 labels, contents entries, page furniture between rows, and the
 * rows that end a body or go on with it. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int jue_rec_label_number(const char *s)
{
    /* a label ("公开 01 表", "表1") is short and names a 表: most rows fail here */
    if (strlen(s) > 48 || !jue_rec_has_char3(s, "表")) return 0;
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    const char *p = f;
    if (!strncmp(p, "公开", 6)) p += 6;
    else if (strncmp(p, "表", 3) != 0) return 0;
    if (!strncmp(p, "表", 3)) p += 3;
    int n = 0, k = 0;
    while (*p >= '0' && *p <= '9' && k < 3) { n = n * 10 + (*p++ - '0'); k++; }
    if (!k) return 0;
    if (!strncmp(p, "表", 3)) p += 3;
    return *p ? 0 : n;
}

/* A 公开NN表 label with the 编制单位 / 金额单位 line run on after it, as a
 * copy that joins short lines prints a title's three lines as one
 * ("…支出决算表公开05表编制单位：某局金额单位：万元"). */
static bool label_then_meta(const char *s)
{
    const char *p = s;
    if (strncmp(p, "公开", 6)) return false;
    p += 6;
    int k = 0;
    while (*p >= '0' && *p <= '9' && k < 3) p++, k++;
    if (!k || strncmp(p, "表", 3)) return false;
    p += 3;
    static const char *const META[] = { "编制单位", "单位：", "单位:", "金额单位", "部门：", "部门:" };
    for (size_t i = 0; i < sizeof META / sizeof META[0]; i++)
        if (!strncmp(p, META[i], strlen(META[i]))) return true;
    return false;
}

/* Past a table's own label before its title: "表1-1：", "附表1", "表一、",
 * "附件2-3：", "公开01表" (squeezed text). */
static const char *skip_table_label(const char *s)
{
    const char *p = s;
    if (!strncmp(p, "附表", 6)) p += 6;
    else if (!strncmp(p, "附件", 6)) p += 6;
    else if (!strncmp(p, "公开", 6)) p += 6;
    else if (!strncmp(p, "表", 3)) p += 3;
    else return s;
    if (!strncmp(p, "表", 3)) p += 3;
    static const char *const CN[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "零" };
    /* arabic (1, 1-1, 01) or chinese (一, 十二) numbers, not both: "附表1一般…" */
    int k = 0;
    bool arabic = *p >= '0' && *p <= '9';
    for (bool more = true; more;) {
        more = false;
        if (arabic && ((*p >= '0' && *p <= '9') || *p == '-')) { p++; k++; more = true; continue; }
        if (arabic && (!strncmp(p, "－", 3) || !strncmp(p, "—", 3))) { p += 3; more = true; continue; }
        for (size_t i = 0; !arabic && i < sizeof CN / sizeof CN[0]; i++)
            if (!strncmp(p, CN[i], 3)) { p += 3; k++; more = true; break; }
    }
    if (!k) return s;
    if (!strncmp(p, "表", 3)) p += 3;   /* 公开01表 */
    if (!strncmp(p, "：", 3) || !strncmp(p, "、", 3) || !strncmp(p, "．", 3)) p += 3;
    else if (*p == ':' || *p == '.') p++;
    else if (!arabic) return s;   /* "表一" needs its separator: "表一般…" is no label */
    return *p ? p : s;
}

/* The match key of a title's text t (ordinal, own label, 续 marks and a
 * 公开NN表 label taken off; *cont when it was marked 续); "" when none. */
static void title_key(const char *t, char key[MAXK], bool *cont)
{
    char f[MAXK], sq[601];
    key[0] = '\0';
    /* every title names a 表 and is short: most rows of a document are
     * prose and fail these cheap tests before any normalising */
    size_t tn;
    if (!jue_rec_has_char3(t, "表") || (tn = strlen(t)) > 600) return;
    jue_imp_squeeze_to(sq, t, tn, false);   /* on the stack: a squeeze never lengthens */
    jue_str_put(f, f + sizeof f, skip_table_label(jue_imp_skip_ordinal(sq)), SIZE_MAX);
    *cont = false;
    /* trailing marks: （续） (续) 续表, and a 公开NN表 label */
    for (int again = 1; again;) {
        again = 0;
        static const char *const TAILS[] = { "（续表）", "(续表)", "（续）", "(续)", "续表", "续" };
        static const size_t TLEN[] = { 12, 8, 9, 5, 6, 3 };
        size_t n = strlen(f);
        for (size_t i = 0; i < sizeof TAILS / sizeof TAILS[0]; i++) {
            size_t k = TLEN[i];
            if (n > k && !memcmp(f + n - k, TAILS[i], k)) {
                f[n - k] = '\0';
                *cont = true;
                again = 1;
                break;
            }
        }
        char *lab = strstr(f, "公开");
        if (lab && lab != f && (jue_rec_label_number(lab) || label_then_meta(lab))) { *lab = '\0'; again = 1; }
    }
    jue_rec_key(f, key);
}

/* The text of a title row: its one text, or of a title and its label in one
 * row ("收入支出决算总表 | 公开01表") the title; NULL when neither. */
static const char *title_text(const jue_grow *r)
{
    const char *t = jue_rec_single_text(r);
    if (t) return t;
    size_t filled = 0;
    for (size_t i = 0; i < r->n && filled <= 2; i++) filled += r->cells[i].text[0] && !r->cells[i].copy;
    if (filled != 2) return NULL;   /* the labels below are looked for in a row of two only */
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (g->text[0] && !g->copy && !jue_rec_label_number(g->text)) return g->text;
    }
    return NULL;
}

/* The table of a title key: an alias equal to it, else the longest alias it
 * ends with after a short prefix without sentence punctuation
 * ("醴陵市医疗保障局2022年度收入支出决算总表"); *prefix: the prefix's bytes. */
static int title_match(const rc *c, const char *key, size_t *prefix)
{
    int best = -1;
    *prefix = 0;
    size_t best_len = 0;
    size_t kl = strlen(key);
    /* the first title alias equal to it (through the chain of its hash),
     * else the walk of the title aliases for the ends */
    uint32_t kh = jue_rec_key_hash(key);
    for (const alias *a = jue_alias_next(c->al, kh, NULL); a; a = jue_alias_next(c->al, kh, a))
        if (a->kind == 't' && !strcmp(a->key, key)) return a->table;
    for (size_t i = 0; i < c->al->ntitles; i++) {
        const alias *a = &c->al->a[c->al->titles[i]];
        size_t al = a->klen;
        if (kl <= al || kl - al > 90 || strcmp(key + kl - al, a->key) || al <= best_len) continue;
        bool prose = false;
        static const char *const P[] = { "，", "。", "；", "：", ",", ";", ":", "、", "说明", "情况" };
        for (size_t q = 0; q < sizeof P / sizeof P[0] && !prose; q++) {
            char *h = strstr(key, P[q]);
            prose = h && (size_t)(h - key) < kl - al;
        }
        if (!prose) { best = a->table; best_len = al; *prefix = kl - al; }
    }
    return best;
}

static int title_of(const rc *c, const jue_grow *r, bool *cont)
{
    const char *t = title_text(r);
    char key[MAXK];
    size_t prefix;
    if (!t) return -1;
    title_key(t, key, cont);
    return key[0] ? title_match(c, key, &prefix) : -1;
}

/* Asked of most rows three times or more (as a row, as the next of a title
 * broken over two, as furniture): worked out once a row and kept on it
 * (jue_grow.title, cleared when a cell is set), the aliases being the
 * document's. */
void jue_rec_title_work(const rc *c, const jue_grow *r)
{
    bool k = false;
    int id = title_of(c, r, &k);
    ((jue_grow *)(uintptr_t)r)->title = (short)(((id + 2) << 1) | k);
}

/* Whether the words before a title name its department or year (a digit,
 * 年, or a body's last character: 局 委 院 …), not a heading of the table
 * above ("其他收入" over "支出决算表" in a copy that prints each cell on a
 * line of its own). */
static bool owner_prefix(const char *p, size_t n)
{
    static const char *const END[] = { "年", "度", "局", "委", "院", "部", "办", "会", "厅", "处", "所", "站",
                                       "室", "队", "馆", "校", "心", "位", "级", "关", "府", "团", "社", "司" };
    for (size_t i = 0; i < n; i++)
        if (p[i] >= '0' && p[i] <= '9') return true;
    for (size_t i = 0; i < sizeof END / sizeof END[0]; i++)
        if (n >= 3 && !strncmp(p + n - 3, END[i], 3)) return true;
    return n == 0;
}

int jue_rec_title_owned(const rc *c, const char *text)
{
    char key[MAXK];
    bool cont;
    size_t prefix;
    title_key(text, key, &cont);
    int id = key[0] ? title_match(c, key, &prefix) : -1;
    return id >= 0 && owner_prefix(key, prefix) ? id : -1;
}

bool jue_rec_note_text(const char *s)
{
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    /* "说明" alone is a heading's second line ("…决算情况" / "说明"), no note;
     * nor is "说明：" alone, the end of a line the wrap cut ("…作下述" /
     * "说明：") before the note itself */
    if (!strncmp(f, "说明", 6)) {
        const char *after = f + 6 + (!strncmp(f + 6, "：", 3) ? 3 : f[6] == ':');
        if (*after) return true;
    }
    return strstr(f, "无数据") || strstr(f, "空表") || strstr(f, "没有数据");
}

/* A page number as a text copy prints it between the rows of a table:
 * "— 5 —", "-5-", "5", "第5页", "第 5 页 共 12 页", "5/12". */
bool jue_rec_page_number(const char *s)
{
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    const char *p = f;
    int digits = 0;
    for (int part = 0; part < 2 && *p; part++) {
        while (*p == ' ' || *p == '-' || !strncmp(p, "—", 3) || !strncmp(p, "–", 3) || !strncmp(p, "－", 3))
            p += (unsigned char)*p < 0x80 ? 1 : 3;
        if (part == 1) {
            if (!strncmp(p, "共", 3)) p += 3;
            else if (*p == '/') p++;
            else if (!strncmp(p, "，共", 6)) p += 6;
            else if (*p == ',' && !strncmp(p + 1, "共", 3)) p += 4;
            else break;
            while (*p == ' ') p++;
        } else if (!strncmp(p, "第", 3)) {
            p += 3;
            while (*p == ' ') p++;
        }
        int k = 0;
        while (*p >= '0' && *p <= '9' && k < 5) { p++; k++; }
        if (!k) return false;
        digits += k;
        while (*p == ' ') p++;
        if (!strncmp(p, "页", 3)) p += 3;
        while (*p == ' ' || *p == '-' || !strncmp(p, "—", 3) || !strncmp(p, "–", 3) || !strncmp(p, "－", 3))
            p += (unsigned char)*p < 0x80 ? 1 : 3;
    }
    return digits > 0 && !*p;
}

/* Row i's one text with the next row's, when a copy wrapped at a width
 * cut it there ("第" / "6页", "附" / "属单位上缴"): into out, true. */
static bool wrap_joined(const jue_grid *g, size_t i, char *out, size_t cap)
{
    if (i + 1 >= g->n || !g->rows[i].at_wrap) return false;
    const char *a = jue_rec_single_text(&g->rows[i]), *b = jue_rec_single_text(&g->rows[i + 1]);
    size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0;
    if (!a || !b || na + nb >= cap) return false;
    memcpy(out, a, na);
    memcpy(out + na, b, nb + 1);
    return true;
}

/* Whether row i is a piece of a text the wrap cut (with the row after it or
 * the row before) that pred takes whole. */
static bool wrap_piece(const tctx *t, size_t i, bool (*pred)(const tctx *, const char *))
{
    char j[MAXK];
    return (wrap_joined(t->g, i, j, sizeof j) && pred(t, j)) || (i > 0 && wrap_joined(t->g, i - 1, j, sizeof j) && pred(t, j));
}

static bool page_number_text(const tctx *t, const char *s)
{
    (void)t;
    return jue_rec_page_number(s);
}

bool jue_rec_furniture(tctx *t, size_t i)
{
    const jue_grow *r = &t->g->rows[i];
    const char *s = jue_rec_single_text(r);
    if (!s || strlen(s) > 200) return false;
    if (jue_rec_page_number(s) || wrap_piece(t, i, page_number_text)) return true;
    if (jue_rec_data_row(t, r)) return false;
    bool cont;
    if (jue_rec_title_of(t->c, r, &cont) >= 0) return false;
    int seen = 0;
    for (size_t k = 0; k < t->g->n && seen < 3; k++) {
        const char *o = jue_rec_single_text(&t->g->rows[k]);
        seen += o && o[0] == s[0] && !strcmp(o, s);
    }
    return seen >= 3;
}

/* "续表", "续表2", "（续）", "续上表": a table going on after a page break. */
static bool continued_mark(const char *s)
{
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    static const char *const M[] = { "（续表）", "(续表)", "（续）", "(续)", "续上表", "续表" };
    for (size_t k = 0; k < sizeof M / sizeof M[0]; k++) {
        size_t n = strlen(M[k]);
        if (strncmp(f, M[k], n)) continue;
        const char *q = f + n;
        while (*q == ' ' || (*q >= '0' && *q <= '9')) q++;
        return !*q;
    }
    return false;
}

static bool continued_text(const tctx *t, const char *s)
{
    (void)t;
    return continued_mark(s);
}

/* Whether text is printed in a cell of the rows above t's body (its
 * heading), or is the start or the end of one, two characters or more: a
 * heading printed again on a new page may wrap its cells elsewhere
 * ("附属单位上缴" / "收入" under "附属单位上缴收入"). */
static bool heading_text(const tctx *t, const char *text)
{
    size_t n = strlen(text);
    /* a heading cell that starts or ends with a text of two characters or more */
    bool part = n >= 6 && ((unsigned char)text[0] & 0x80);
    for (size_t i = t->a; i < t->body && i < t->g->n; i++) {
        const jue_grow *r = &t->g->rows[i];
        for (size_t k = 0; k < r->n; k++) {
            const char *h = r->cells[k].text;
            if (r->cells[k].copy) continue;
            if (h[0] == text[0] && !strcmp(h, text)) return true;
            if (!part) continue;
            size_t hn = strlen(h);
            if (hn > n && (!strncmp(h, text, n) || !strcmp(h + hn - n, text))) return true;
        }
    }
    return false;
}

/* A row of texts of the heading only, no figure. */
static bool heading_row(const tctx *t, const jue_grow *r)
{
    size_t n = 0;
    for (size_t k = 0; k < r->n; k++) {
        const char *c = r->cells[k].text;
        if (!c[0] || r->cells[k].copy) continue;
        if (jue_rec_cell_amount(&r->cells[k]) || !heading_text(t, c)) return false;
        n++;
    }
    return n > 0;
}

bool jue_rec_repeat(tctx *t, size_t i)
{
    const jue_grow *r = &t->g->rows[i];
    const char *s = jue_rec_single_text(r);
    /* a 续表 mark, whole or cut by a wrap ("续" / "表") */
    if (s && (continued_mark(s) || wrap_piece(t, i, continued_text))) return true;
    if (!heading_row(t, r) && !(s && wrap_piece(t, i, heading_text))) return false;
    /* the heading again, not a name's last word that reads like one
     * ("支出"): under a 续表 mark, or first on a new page */
    for (size_t k = i; k-- > t->body;) {
        const jue_grow *u = &t->g->rows[k];
        if (!jue_grow_filled(u)) continue;
        const char *us = jue_rec_single_text(u);
        if (us && (continued_mark(us) || wrap_piece(t, k, continued_text))) return true;
        if (heading_row(t, u) || (us && wrap_piece(t, k, heading_text)) || jue_rec_lanci(u) || jue_rec_furniture(t, k))
            continue;
        return r->page && u->page && r->page != u->page;
    }
    return false;
}

bool jue_rec_pane_heading(const tctx *t, const jue_grow *r)
{
    if (t->id != JUE_T01 && t->id != JUE_T04) return false;
    const char *s = jue_rec_single_text(r);
    if (!s || strlen(s) > 40) return false;
    char k[MAXK];
    jue_rec_key(s, k);
    const char *o = jue_imp_skip_ordinal(k);
    return !strcmp(o, "收入") || !strcmp(o, "支出");
}

/* Whether row r is a 支出 heading of a one-pane 01/04. */
static bool expenditure_heading(const tctx *t, const jue_grow *r)
{
    if (!jue_rec_pane_heading(t, r)) return false;
    char k[MAXK];
    jue_rec_key(jue_rec_single_text(r), k);
    return !strcmp(jue_imp_skip_ordinal(k), "支出");
}

bool jue_rec_pane_gap(tctx *t, size_t i)
{
    if (t->id != JUE_T01 && t->id != JUE_T04) return false;
    const jue_grow *r = &t->g->rows[i];
    const char *s = jue_rec_single_text(r);
    bool cont;
    if (!s || strlen(s) > 120 || jue_rec_amount(s) || jue_rec_note_text(s) || jue_rec_title_of(t->c, r, &cont) >= 0)
        return false;
    for (size_t k = t->body; k < i; k++)
        if (expenditure_heading(t, &t->g->rows[k])) return false;
    int seen = 0;
    for (size_t k = i + 1; k < t->b && seen < 3; k++) {
        const jue_grow *n = &t->g->rows[k];
        if (!jue_grow_filled(n)) continue;
        seen++;
        /* not the rest of a wrapped name ("五、教育" / "支出") */
        if (expenditure_heading(t, n)) return !jue_rec_pane_piece(t, k) && jue_rec_goes_on(t, k);
        if (!jue_rec_single_text(n)) return false;
    }
    return false;
}

bool jue_rec_goes_on(tctx *t, size_t i)
{
    int seen = 0;
    /* 16: a heading printed again, each line of it cut in two by a wrap */
    for (size_t k = i + 1; k < t->b && seen < 16; k++) {
        const jue_grow *r = &t->g->rows[k];
        if (!jue_grow_filled(r)) continue;
        seen++;
        if (jue_rec_furniture(t, k) || jue_rec_pane_heading(t, r) || jue_rec_repeat(t, k)) continue;
        if (jue_rec_data_row(t, r)) return true;
        /* a 01/04 line's name wrapped over lines ("二十六、抗" / "疫特别国债安排的支出") */
        if ((t->id == JUE_T01 || t->id == JUE_T04) && jue_rec_pane_piece(t, k)) continue;
        size_t cells = 0;
        for (size_t q = 0; q < r->n; q++) cells += r->cells[q].text[0] && !r->cells[q].copy;
        return cells >= 2;
    }
    return false;
}

bool jue_rec_data_row(tctx *t, const jue_grow *r)
{
    switch (t->id) {
    case JUE_T01:
    case JUE_T04: return jue_rec_pane_row(t, r);
    case JUE_T06: return jue_rec_06_row(t, r);
    case JUE_T09: return jue_rec_09_row(t, r);
    default: return jue_rec_code_row(r);
    }
}

const jue_gcell *jue_rec_lone_cell(const jue_grow *r)
{
    const jue_gcell *c = NULL;
    for (size_t k = 0; k < r->n; k++) {
        if (!r->cells[k].text[0] || r->cells[k].copy) continue;
        if (c) return NULL;
        c = &r->cells[k];
    }
    return c;
}

float jue_rec_start_of(const jue_gcell *c)
{
    return c->pos > 0 ? (float)c->pos : c->box[2] > c->box[0] ? c->box[0] : 0;
}

/* Whether the one text of row k starts where a name does: right of where
 * the data row above it (within a few rows) starts and left of that row's
 * first figure. A copy that prints a long name on the lines around its
 * code row keeps the name in its column; a page number, a running head or
 * a heading printed again does not sit there. */
/* 06: whether x is in one of row r's panes between a code and the figure
 * after it (its name's place), the panes side by side across the page. */
static bool in_06_name(const jue_grow *r, float x)
{
    for (size_t q = 0; q < r->n; q++) {
        char code[16];
        const jue_gcell *g = &r->cells[q];
        if (g->copy || !jue_rec_econ_code(g->text, code)) continue;
        float from = jue_rec_start_of(g), to = -1;
        for (size_t e = q + 1; e < r->n && to < 0; e++)
            if (!r->cells[e].copy && jue_rec_cell_amount(&r->cells[e]) && strpbrk(r->cells[e].text, ".,"))
                to = jue_rec_start_of(&r->cells[e]);
        if (from > 0 && x > from && (to < 0 || x < to)) return true;
    }
    return false;
}

static bool in_name_column(tctx *t, size_t k)
{
    const jue_gcell *c = jue_rec_lone_cell(&t->g->rows[k]);
    float x = c ? jue_rec_start_of(c) : 0;
    if (x <= 0) return false;
    for (size_t j = k; j-- > t->body && j + 6 > k;) {
        const jue_grow *r = &t->g->rows[j];
        if (!jue_rec_data_row(t, r)) continue;
        if (t->id == JUE_T06) return in_06_name(r, x);
        /* the first figure: an amount after the name, or one with a
         * decimal point (the parts of a split code are digits too) */
        float first = -1, fig = -1;
        bool named = false;
        for (size_t q = 0; q < r->n && fig < 0; q++) {
            const jue_gcell *g = &r->cells[q];
            if (!g->text[0] || g->copy) continue;
            bool amount = jue_rec_cell_amount(g);
            if (first < 0) first = jue_rec_start_of(g);
            else if (amount && (named || strpbrk(g->text, ".,"))) fig = jue_rec_start_of(g);
            named |= !amount;
        }
        return first > 0 && x > first && (fig < 0 || x < fig);
    }
    return false;
}

/* A row that may be a piece of a name broken over lines: one short text,
 * no figure, note, title, unit line or page number (a short piece such as
 * "支出" may well be printed alone elsewhere: that is no running head). */
static bool name_piece(tctx *t, size_t k)
{
    const jue_grow *r = &t->g->rows[k];
    const char *o = jue_rec_single_text(r);
    bool cont;
    return o && !jue_rec_amount(o) && !jue_rec_note_text(o) && strlen(o) <= 60 && strncmp(o, "注", 3) &&
           !jue_rec_meta(r, NULL, NULL) && jue_rec_title_of(t->c, r, &cont) < 0 && !jue_rec_page_number(o);
}

bool jue_rec_name_piece(tctx *t, size_t k)
{
    return name_piece(t, k) && in_name_column(t, k);
}

/* A figure alone on its line (with a decimal point or separator: no 栏次). */
static bool lone_figure(const jue_grow *r)
{
    const char *s = jue_rec_single_text(r);
    return s && jue_rec_amount(s) && strpbrk(s, ".,");
}

/* Whether the rows above row i, up to the last line of groups, are at most
 * three pieces of a name, and that line is split on single spaces (1) or
 * a code alone (2); 0 when not. */
static int after_groups(tctx *t, size_t i)
{
    int pieces = 0;
    for (size_t j = i; j-- > t->body;) {
        const jue_grow *r = &t->g->rows[j];
        if (!jue_grow_filled(r)) continue;
        if (jue_rec_06_row(t, r)) return jue_rec_single_text(r) ? 2 : r->packed;
        if (!name_piece(t, j) || ++pieces > 3) return 0;
    }
    return 0;
}

/* 06 printed with single spaces: a name wrapped onto lines of its own
 * ("30108" / "机关事业单位基本养老保" / "险缴费" / "446.11 30206 电费 18.86"),
 * or its figure alone after them ("31007" / "信息网络及软件购置" / "更新" /
 * "0.00"); a piece of words after a line of groups only when the groups go
 * on within three rows. */
static bool packed_06_piece(tctx *t, size_t i)
{
    if (t->id != JUE_T06) return false;
    bool fig = lone_figure(&t->g->rows[i]);
    int above = (fig || name_piece(t, i)) ? after_groups(t, i) : 0;
    if (!above) return false;
    if (fig || above == 2) return true;
    int seen = 0;
    for (size_t k = i + 1; k < t->b && seen < 4; k++) {
        const jue_grow *n = &t->g->rows[k];
        if (!jue_grow_filled(n)) continue;
        seen++;
        if (jue_rec_06_row(t, n) || lone_figure(n)) return true;
        if (!name_piece(t, k)) return false;
    }
    return false;
}

bool jue_rec_continues_name(tctx *t, size_t i)
{
    if (packed_06_piece(t, i)) return true;
    const jue_grow *r = &t->g->rows[i];
    const char *s = jue_rec_single_text(r);
    if (!s || jue_rec_amount(s) || jue_rec_note_text(s)) return false;
    char fb[MAXK];
    const char *f = jue_rec_fold_of(s, fb);
    if (!strncmp(f, "注", 3) || strlen(f) > 60) return false;
    if (t->id == JUE_T01 || t->id == JUE_T04) return jue_rec_pane_piece(t, i);
    if (t->id == JUE_T09) return false;
    /* the table goes on after the name: a row of cells within a few rows,
     * or past more pieces of the same name in the name column (a long
     * name printed over three lines around its code row); 06 only then */
    bool geo = jue_rec_name_piece(t, i);
    if (t->id == JUE_T06 && !geo) return false;
    int pieces = 0;
    for (size_t k = i + 1; k < t->b && k < i + 3 + (size_t)pieces; k++) {
        const jue_grow *n = &t->g->rows[k];
        if (!jue_grow_filled(n)) continue;
        if (jue_grow_filled(n) >= 2 || (geo && jue_rec_data_row(t, n))) return true;
        if (!geo || pieces == 3 || !jue_rec_name_piece(t, k)) return false;
        pieces++;
    }
    return false;
}

int jue_rec_table_by_number(const rc *c, int n)
{
    for (int t = 0; t < JUE_NTABLES; t++) {
        int k = c->prof ? jue_profile_table_number(c->prof, (jue_table_id)t) : t + 1;
        if (k == n) return t;
    }
    return -1;
}

/* Whether a cell says something: a letter, digit or CJK character, not
 * only punctuation (a PDF may print the quotes of “三公” on a line of
 * their own, which then looks like a row of two cells). */
static bool has_word(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')) return true;
        /* CJK ideographs U+3400..U+9FFF: lead bytes E3 (from U+3400) to E9 */
        if (*p >= 0xE3 && *p <= 0xE9 && !(*p == 0xE3 && p[1] < 0x90)) return true;
    }
    return false;
}

/* An entry of a table of contents: a heading and its page number, the
 * only two cells of the row ("第三部分 …情况说明 | 19"). */
static bool contents_entry(const jue_grow *r)
{
    if (jue_grow_filled(r) != 2) return false;
    const char *last = NULL, *first = NULL;
    for (size_t k = 0; k < r->n; k++) {
        if (!r->cells[k].text[0] || r->cells[k].copy) continue;
        if (!first) first = r->cells[k].text;
        else last = r->cells[k].text;
    }
    size_t n = strlen(last);
    if (n == 0 || n > 4) return false;
    for (size_t i = 0; i < n; i++)
        if (last[i] < '0' || last[i] > '9') return false;
    const char *t = jue_imp_skip_ordinal(first);
    return t != first || !strncmp(first, "第", 3);
}

/* A piece of a header printed on a line of its own (a copy that gives each
 * heading line apart: "附属单位上缴" / "收入", "本年收入合计 财政拨款收入"):
 * one cell of short words, no digit, no sentence mark; a word of at most
 * `longest` bytes (eight characters: 24). */
static bool header_piece(const jue_grow *r, int longest)
{
    const char *s = jue_rec_single_text(r);
    if (!s || strlen(s) > 160 || strstr(s, "。") || strstr(s, "，") || strstr(s, "：")) return false;
    int run = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') return false;
        run = *p == ' ' ? 0 : run + 1;
        if (run > longest) return false;
    }
    return true;
}

/* Whether a cell of r holds a digit. */
static bool digit_in(const jue_grow *r)
{
    for (size_t k = 0; k < r->n; k++)
        if (strpbrk(r->cells[k].text, "0123456789")) return true;
    return false;
}

/* A line of headings parted by single spaces repeating a pair, two pairs or
 * more ("预算数 决算数 预算数 决算数 …" under 09's items): it counts the
 * columns as 栏次 does. */
static bool repeated_pair(const jue_grow *r)
{
    if (digit_in(r)) return false;
    const char *w[3] = { NULL, NULL, NULL };
    size_t len[3] = { 0, 0, 0 };
    int n = 0;
    for (size_t k = 0; k < r->n; k++)
        for (const char *p = r->cells[k].text; *p;) {
            p += strspn(p, " ");
            size_t l = strcspn(p, " ");
            if (!l) break;
            if (n >= 2 && (l != len[n % 2] || strncmp(p, w[n % 2], l))) return false;
            if (n < 2) w[n] = p, len[n] = l;
            n++;
            p += l;
        }
    return n >= 4 && n % 2 == 0 && (len[0] != len[1] || strncmp(w[0], w[1], len[0]));
}

/* A table printed with single spaces under a header printed a piece per
 * line (pdftotext -raw): after a meta row (金额单位), only heading pieces and
 * 栏次 up to its first row of figures, or up to the 说明 or 注 of an empty
 * table ("注：本表反映…" under a header with no rows). */
static bool packed_follows(const jue_grid *g, size_t from, size_t to)
{
    int seen = 0, stream = 0;   /* stream: the line where a row's figure alone was */
    bool meta = false, wide = false, lanci = false;
    bool named = false;   /* the line before: a name, the only long words so far */
    for (size_t i = from; i < to && seen < 3 * TITLE_WINDOW; i++) {
        const jue_grow *r = &g->rows[i];
        if (!jue_grow_filled(r)) continue;
        if (jue_rec_meta(r, NULL, NULL)) { meta = true; continue; }
        if (!meta) return false;
        seen++;
        /* a figure alone under a line of words: the first row's name printed
         * on the line above its figure ("一、一般公共预算财政拨款" / "2,940.05";
         * a heading prints none), when a row parted by single spaces follows
         * within a few lines (a two-pane table as one stream); a copy that
         * prints a cell a line (plain pdftotext, mutool) has no such row */
        if (lone_figure(r) && (named || stream)) {
            stream = stream ? stream : seen;
            named = false;
            continue;
        }
        if (stream && seen - stream > 4) return false;
        bool was_wide = wide;
        const char *s = jue_rec_single_text(r);
        /* heading words on a line parted by single spaces: 09's groups first
         * under the unit ("预算数 决算数"), or a line among its long words */
        bool groups = r->packed && (seen == 1 || wide) && !digit_in(r);
        bool after_lanci = lanci;
        lanci = jue_rec_lanci(r) || repeated_pair(r);
        bool row = !groups && !(wide && lanci) && (r->packed || jue_rec_stacked_row(g, i, to));
        if (row) return seen > 1 && (!wide || after_lanci || (stream && !lanci));
        if (s && (jue_rec_note_text(s) || !strncmp(s, "注", 3))) return seen > 1 && !wide;
        /* a heading word of up to twelve characters (09's 公务用车购置及运行维护费)
         * or the groups: only over 栏次 and the figures right under it */
        if (groups) wide |= seen == 1;
        else if (!lanci && !header_piece(r, 24) && !(wide = header_piece(r, 36))) return false;
        named = !groups && !lanci && !was_wide;
    }
    return false;
}

bool jue_rec_table_follows(const jue_grid *g, size_t from, size_t to)
{
    if (packed_follows(g, from, to)) return true;
    int seen = 0;
    for (size_t i = from; i < to && seen < TITLE_WINDOW; i++) {
        const jue_grow *r = &g->rows[i];
        size_t f = jue_grow_filled(r);
        if (!f || jue_rec_meta(r, NULL, NULL)) continue;   /* a unit line does not count */
        seen++;
        size_t words = 0;
        for (size_t k = 0; k < r->n; k++) words += !r->cells[k].copy && has_word(r->cells[k].text);
        if (words >= 2 && !jue_rec_meta(r, NULL, NULL) && !contents_entry(r)) return true;
        if (f == 1 && jue_rec_note_text(jue_rec_single_text(r))) return true;
    }
    return false;
}

size_t jue_rec_body_end(tctx *t)
{
    size_t i = t->body;
    for (; i < t->b; i++) {
        jue_grow *r = &t->g->rows[i];
        if (jue_grow_filled(r) == 0) continue;
        /* a table row may have one figure, but it has more than one cell
         * (tabs in text, columns in a sheet); a prose line has one */
        size_t cells = 0;
        for (size_t k = 0; k < r->n; k++) cells += !r->cells[k].copy;
        /* its 续表 mark and heading printed again after a page break */
        if (jue_rec_repeat(t, i) && jue_rec_goes_on(t, i)) { r->used = true; continue; }
        /* a code, its name and its figures each on lines of their own */
        size_t st = jue_rec_stacked_row(t->g, i, t->b);
        if (st) { i = st; continue; }
        if (cells > 1 || jue_rec_data_row(t, r) || jue_rec_continues_name(t, i)) continue;
        /* a page number or running head between the rows of the table */
        if (jue_rec_furniture(t, i) && jue_rec_goes_on(t, i)) { r->used = true; continue; }
        /* one pane's 收入 / 支出 heading (01 and 04 printed as one pane) */
        if (jue_rec_pane_heading(t, r) && jue_rec_goes_on(t, i)) continue;
        if (jue_rec_pane_gap(t, i)) { r->used = true; continue; }
        /* another table's 公开NN表 label (printed above its title, as
         * in HTML pages) ends this one; its own (a continuation) does not */
        const char *s = jue_rec_single_text(r);
        int n = s ? jue_rec_label_number(s) : 0;
        if (n && jue_rec_table_by_number(t->c, n) != (int)t->id) break;
        if (jue_rec_meta(r, NULL, NULL)) { r->used = true; continue; }
        /* a page break repeating the header inside a packed code table */
        size_t k = jue_rec_packed_gap(t, i);
        if (k > i) { i = k - 1; continue; }
        break;
    }
    return i;
}
