/* Code tables (02 03 05 07 08): code and name columns, codes possibly
 * split 类/款/项 or printed with the name in one cell; names broken over
 * lines are joined. */
#include "recognize/recognize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool code_cell(const char *s, char out[16])
{
    char f[MAXK];
    jue_rec_fold(s, f);
    size_t n = strlen(f);
    if (n && jue_rec_digits(f) && (n == 3 || n == 5 || n == 7) && n < 16) {
        memcpy(out, f, n + 1);
        return true;
    }
    return false;
}

static bool total_word(const char *s)
{
    char f[MAXK];
    jue_rec_key(s, f);
    return !strcmp(f, "合计") || !strcmp(f, "总计");
}

/* A code and its name in one cell ("2101501 行政运行", "2101501行政运行",
 * full-width digits or space): the code, and where the name starts. */
static bool inline_code(const char *s, char out[16], const char **rest)
{
    char f[MAXK];
    jue_rec_fold(s, f);
    size_t k = 0;
    while (f[k] >= '0' && f[k] <= '9') k++;
    if (k != 3 && k != 5 && k != 7) return false;
    /* the name must follow: a space or a non-ASCII (CJK) character */
    unsigned char nx = (unsigned char)f[k];
    if (!(nx == ' ' || nx >= 0x80)) return false;
    memcpy(out, f, k);
    out[k] = '\0';
    if (rest) {
        /* the same number of digits in the printed text (digits may be full-width) */
        const char *p = s;
        size_t seen = 0;
        while (*p && seen < k) {
            if (*p >= '0' && *p <= '9') { p++; seen++; }
            else if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBC && (unsigned char)p[2] >= 0x90 &&
                     (unsigned char)p[2] <= 0x99) { p += 3; seen++; }
            else p++;
        }
        *rest = p;
    }
    return true;
}

/* Whether a row that holds 合计 is a heading row rather than the 合计 data
 * row: no figure, and another cell with a word that is not 类/款/项
 * ("| | 合计 | 基本支出 | 项目支出" under "本年支出"). */
static bool total_in_heading(const jue_grow *r)
{
    bool other = false;
    for (size_t i = 0; i < r->n; i++) {
        const jue_gcell *g = &r->cells[i];
        if (!g->text[0] || g->copy) continue;
        if (jue_rec_amount(g->text)) return false;
        if (!total_word(g->text) && !jue_rec_part_word(g->text) && !jue_rec_dashes(g->text)) other = true;
    }
    return other;
}

bool jue_rec_code_row(const jue_grow *r)
{
    char code[16];
    for (int i = 0; i < 3; i++)
        if (code_cell(jue_grow_text(r, i), code)) return true;
    /* "2101501 行政运行" in one cell */
    if (inline_code(jue_grow_text(r, 0), code, NULL)) return true;
    if (total_word(jue_grow_text(r, 0)) || total_word(jue_grow_text(r, 1))) return !total_in_heading(r);
    /* 合计 in the name column after split 类|款|项 columns: the first text
     * (a PDF may print the 类|款|项 heading in the 合计 row's band) */
    for (size_t i = 0; i < r->n && i < 5; i++)
        if (r->cells[i].text[0] && !jue_rec_part_word(r->cells[i].text))
            return total_word(r->cells[i].text) && !total_in_heading(r);
    return false;
}

/* The catalog's name of code, in the document's year or, failing that,
 * the latest year that has it; NULL when none. */
static const char *catalog_name(const rc *c, jue_cat_kind kind, const char *code)
{
    if (!c->cat) return NULL;
    const char *n = c->d->year ? jue_catalog_name(c->cat, kind, code, c->d->year) : NULL;
    for (int y = c->cat_to; !n && y >= c->cat_from && y > 0; y--) n = jue_catalog_name(c->cat, kind, code, y);
    return n;
}

/* Whether the one-cell name row i is the first line of the next row's name
 * rather than the last of the row before: joined to the next row's name it
 * is the catalog's name of that row's code, and joined to the one before
 * it is not. */
static bool heads_next_name(tctx *t, size_t i, int code_col, int name_col, jue_cat_kind kind, const prow *last,
                            const char *frag)
{
    size_t k = i + 1;
    while (k < t->end && !jue_grow_filled(&t->g->rows[k])) k++;
    if (k >= t->end) return false;
    const jue_grow *n = &t->g->rows[k];
    char code[MAXK];
    jue_rec_fold(jue_grow_text(n, code_col), code);
    size_t len = strlen(code);
    if (!jue_rec_digits(code) || (len != 3 && len != 5 && len != 7)) return false;
    const char *want = catalog_name(t->c, kind, code);
    if (!want) return false;
    char joined[2 * MAXK], a[MAXK], b[MAXK];
    snprintf(joined, sizeof joined, "%s%s", frag, jue_grow_text(n, name_col));
    jue_rec_key(joined, a);
    jue_rec_key(want, b);
    if (strcmp(a, b)) return false;
    if (last && last->key) {
        const char *had = catalog_name(t->c, kind, last->key);
        if (had) {
            snprintf(joined, sizeof joined, "%s%s", last->name ? last->name : "", frag);
            jue_rec_key(joined, a);
            jue_rec_key(had, b);
            if (!strcmp(a, b)) return false;
        }
    }
    return true;
}

void jue_rec_code_table(tctx *t, jue_table *tab)
{
    rc *c = t->c;
    jue_cat_kind kind = JUE_CAT_FUNCTIONAL;
    int ncol = jue_rec_max_cols(t);
    int code_col = -1, name_col = -1, part[3] = { -1, -1, -1 };
    int map[64];
    for (int k = 0; k < 64; k++) map[k] = -1;
    int mapped = 0;
    for (int col = 0; col < ncol && col < 64; col++) {
        char lf[MAXK];
        jue_rec_leaf(t, col, lf);
        if (!lf[0]) continue;
        if (strstr(lf, "编码") || strstr(lf, "代码")) { if (code_col < 0) code_col = col; continue; }
        if (!strcmp(lf, "科目名称") || !strcmp(lf, "项目名称")) { if (name_col < 0) name_col = col; continue; }
        if (!strcmp(lf, "类")) { part[0] = col; continue; }
        if (!strcmp(lf, "款")) { part[1] = col; continue; }
        if (!strcmp(lf, "项")) { part[2] = col; continue; }
        int m = jue_rec_col_wrapped(t, tab, col, lf, 0);
        if (m >= 0) { map[col] = m; mapped++; }
    }
    bool split = part[0] >= 0 && part[1] >= 0;
    if (code_col < 0) code_col = split ? part[0] : 0;
    if (name_col < 0 && !split) {
        /* code and name in one column ("科目编码及名称", "2080505 机关事业单位…"):
         * the rows print codes only with their names, never alone */
        int inl = 0, bare = 0;
        for (size_t i = t->body; i < t->end && i < t->g->n; i++) {
            char cd[16];
            const char *s = jue_grow_text(&t->g->rows[i], code_col);
            if (code_cell(s, cd)) bare++;
            else if (inline_code(s, cd, NULL)) inl++;
        }
        if (inl && !bare) name_col = code_col;
    }
    if (name_col < 0) {
        name_col = (split ? (part[2] >= 0 ? part[2] : part[1]) : code_col) + 1;
        for (int k = 0; k < 3; k++)
            if (part[k] >= name_col) name_col = part[k] + 1;
    }
    map[code_col < 64 ? code_col : 0] = -1;
    if (name_col < 64) map[name_col] = -1;
    if (!mapped) {
        /* no header we know: the columns in order after code and name */
        for (int col = name_col + 1, k = 0; col < ncol && col < 64 && (size_t)k < tab->ncols; col++, k++) map[col] = k;
        jue_diag_add(c->diags, JUE_SEV_WARNING, c->doc->file, t->body < t->g->n ? t->g->rows[t->body].line : 0, 0,
                     "%s: no column header recognised; columns taken in the national order", jue_table_label(t->id));
    }
    prows P = { 0 };
    prow *last = NULL;
    char *prefix = NULL;   /* the first line of the next row's name */
    char parts[3][8] = { "", "", "" };
    for (size_t i = t->body; i < t->end && !c->nomem; i++) {
        jue_grow *r = &t->g->rows[i];
        if (!jue_grow_filled(r)) continue;
        if (jue_rec_lanci(r)) { r->used = true; continue; }
        char code[16] = "";
        const char *ctext = jue_grow_text(r, code_col);
        const char *ntext = jue_grow_text(r, name_col);
        char *inline_name = NULL;
        if (split) {
            char buf[16] = "";
            bool any = false;
            /* parts before the first one printed are inherited from the rows
             * above ("| 15 |" under "210 | |"); from it on, as printed */
            for (int k = 0; k < 3; k++) {
                if (part[k] < 0) continue;
                char f[MAXK];
                jue_rec_fold(jue_grow_text(r, part[k]), f);
                bool digits = jue_rec_digits(f) && strlen(f) < 8;
                if (digits) any = true;
                if (any) {
                    parts[k][0] = '\0';
                    if (digits) memcpy(parts[k], f, strlen(f) + 1);
                }
            }
            if (any) {
                for (int k = 0; k < 3 && parts[k][0]; k++) strncat(buf, parts[k], sizeof buf - strlen(buf) - 1);
                if (strlen(buf) == 3 || strlen(buf) == 5 || strlen(buf) == 7) snprintf(code, sizeof code, "%s", buf);
            }
        } else if (!code_cell(ctext, code)) {
            const char *rest = NULL;
            if (inline_code(ctext, code, &rest)) inline_name = jue_rec_name(rest);
        }
        /* values present in this row */
        int nvals = 0, nbad = 0;
        for (int col = 0; col < ncol && col < 64; col++) {
            if (map[col] < 0) continue;
            const char *s = jue_grow_text(r, col);
            if (!s[0] || (col < (int)r->n && r->cells[col].copy)) continue;
            if (jue_rec_amount(s) || jue_rec_dashes(s)) nvals++;
            else nbad++;
        }
        bool totalrow = !code[0] && (total_word(ctext) || total_word(ntext));
        const char *nm_src = inline_name ? inline_name : (totalrow && total_word(ctext) ? ctext : ntext);
        if (!code[0] && !totalrow) {
            if (nvals == 0 && nbad > 0) { r->used = true; free(inline_name); continue; }  /* a repeated header */
            size_t filled = jue_grow_filled(r);
            if (nvals == 0 && filled == 1 && ntext[0] && !split &&
                heads_next_name(t, i, code_col, name_col, kind, last, ntext)) {
                /* the first line of the next row's name (PDF: a name wrapped
                 * above its code and figures) */
                free(prefix);
                prefix = jue_rec_name(ntext);
                r->used = true;
                free(inline_name);
                continue;
            }
            if (nvals == 0 && last && filled == 1 && (ntext[0] || ctext[0])) {
                /* a name broken over lines */
                char *more = jue_rec_name(ntext[0] ? ntext : ctext);
                size_t n1 = strlen(last->name), n2 = more ? strlen(more) : 0;
                char *joined = more ? malloc(n1 + n2 + 1) : NULL;
                if (joined) {
                    memcpy(joined, last->name, n1);
                    memcpy(joined + n1, more, n2 + 1);
                    free(last->name);
                    last->name = joined;
                }
                free(more);
                r->used = true;
                free(inline_name);
                continue;
            }
            if (last && last->nv == 0 && nvals > 0 && !ctext[0]) {
                /* the values of a name that went on to this line */
                char *more = jue_rec_name(ntext);
                if (more && more[0]) {
                    size_t n1 = strlen(last->name), n2 = strlen(more);
                    char *joined = malloc(n1 + n2 + 1);
                    if (joined) {
                        memcpy(joined, last->name, n1);
                        memcpy(joined + n1, more, n2 + 1);
                        free(last->name);
                        last->name = joined;
                    }
                }
                free(more);
                for (int col = 0; col < ncol && col < 64; col++)
                    if (map[col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                        jue_rec_pval_add(last, &r->cells[col], map[col], r->line);
                r->used = true;
                free(inline_name);
                continue;
            }
            if (!ntext[0] && !ctext[0] && nvals == 0) { free(inline_name); continue; }
        }
        prow *p = jue_rec_prow_add(c, &P);
        if (!p) { free(inline_name); break; }
        r->used = true;
        p->src_line = r->line;
        p->page = r->page;
        if (code[0]) {
            p->key = jue_strdup(code);
            p->level = jue_code_level(kind, code);
            p->name = inline_name ? inline_name : jue_rec_name(ntext);
            inline_name = NULL;
            if (prefix && p->name) {
                size_t n1 = strlen(prefix), n2 = strlen(p->name);
                char *joined = malloc(n1 + n2 + 1);
                if (joined) {
                    memcpy(joined, prefix, n1);
                    memcpy(joined + n1, p->name, n2 + 1);
                    free(p->name);
                    p->name = joined;
                }
            }
            free(prefix);
            prefix = NULL;
        } else if (totalrow) {
            p->key = jue_strdup(JUE_L_TOTAL);
            p->name = jue_rec_name(nm_src);
            p->total = true;
        } else {
            p->name = jue_rec_name(ntext[0] ? ntext : ctext);
            p->key = jue_strdup(p->name ? p->name : "");
        }
        free(inline_name);
        if (!p->key || !p->name) { c->nomem = true; break; }
        for (int col = 0; col < ncol && col < 64; col++)
            if (map[col] >= 0 && col < (int)r->n && r->cells[col].text[0] && !r->cells[col].copy)
                jue_rec_pval_add(p, &r->cells[col], map[col], r->line);
        last = p;
    }
    free(prefix);
    jue_rec_emit(t, tab, &P);
    /* a blank cell still has a location: its row */
    for (size_t i = 0; i < tab->nrows; i++)
        for (size_t k = 0; k < tab->ncols; k++)
            if (!jue_table_cell(tab, i, k)->src_line) jue_table_cell(tab, i, k)->src_line = tab->rows[i].src_line;
    jue_rec_prows_free(&P);
}
